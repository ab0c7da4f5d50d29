/* secuencia-cli-util.c: arguments and output of secuencia-cli (see the
 * header). */
#include "config.h"

#include <string.h>

#include "secuencia-cli-util.h"

GFile *
secuencia_cli_file_for_arg (const char *arg)
{
  g_return_val_if_fail (arg != NULL, NULL);

  if (g_ascii_strncasecmp (arg, "file://", strlen ("file://")) == 0)
    return g_file_new_for_uri (arg);
  return g_file_new_for_path (arg);
}

gboolean
secuencia_cli_parse (GOptionContext  *context,
                     int              argc,
                     char           **argv,
                     GError         **error)
{
  /* g_option_context_parse_strv() takes away what it parsed */
  g_auto(GStrv) args = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  return g_option_context_parse_strv (context, &args, error);
}

char *
secuencia_cli_escape (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0'; )
    {
      const char *end = NULL;
      gunichar c;

      /* One character, or one byte that does not start a valid one. */
      if (!g_utf8_validate (p, MIN ((gssize) strlen (p), 4), &end) && end == p)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      switch (c)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\x%02x", (guint) c);
          else if ((c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 ||
                   (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
            /* C1 controls, line separators and bidirectional overrides */
            g_string_append_printf (out, "\\u%04x", (guint) c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

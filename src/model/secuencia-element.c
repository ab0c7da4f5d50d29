/* secuencia-element.c: a screenplay element. */
#include "config.h"

#include "secuencia-element.h"

void
secuencia_element_info_free (SecuenciaElementInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->character);
  g_free (info->text);
  g_free (info);
}

/* secuencia-cli-info.h: `secuencia-cli info PROJECT --json`, the whole
 * project as JSON for scripts and tests.
 *
 * {
 *   "name": str, "metadata": {key: str, …},
 *   "cover": {"file_name": str, "mime_type": str, "size": int} | null,
 *   "assets":    [{"id", "file_name", "mime_type", "duration", "size", "content_hash"}],
 *   "elements":  [{"id", "position", "kind", "character", "text", "asset",
 *                  "parenthetical", "extension", "scene_number", "scratch"}],   (in order)
 *   "timelines": [{"id", "name", "created", "modified", "duration",
 *                  "clips": [{"id", "asset", "element", "offset", "source_start",
 *                             "duration", "lane", "volume_db", "muted",
 *                             "text", "character", "name"}]}]
 * }
 *
 * Times (duration, offset, source_start) are seconds as JSON numbers,
 * written exactly (the shortest decimal of the integer nanoseconds: 0.1 is
 * 0.1); "created"/"modified" are seconds since the Unix epoch (UTC). Ids
 * are integers; "asset" and "element" are null when there is none. A
 * clip's "text"/"character" are its screenplay line's ("" without one).
 */
#pragma once

#include "secuencia-project.h"

G_BEGIN_DECLS

/* The project as JSON text (one read snapshot), ending in a newline. */
char *secuencia_cli_info_json (SecuenciaProject  *project,
                               GError           **error);

G_END_DECLS

#!/usr/bin/env python3
"""check-layers.py: no file under src/ includes a header of a layer above its own.

Layers (lower first): model < store < mix < export and playback < ui and cli.
Folders on the same level may not include each other (export/playback,
ui/cli). Every quoted include is resolved to the src/ folder that holds the
header. Prints TAP.
"""
import os
import re
import sys

LEVEL = {'model': 0, 'store': 1, 'mix': 2, 'export': 3, 'playback': 3, 'ui': 4, 'cli': 4}

src = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src')
src = os.path.normpath(sys.argv[1] if len(sys.argv) > 1 else src)

def layer_of(path):
    rel = os.path.relpath(path, src).split(os.sep)
    return rel[0] if len(rel) > 1 and rel[0] in LEVEL else None

headers = {}
for root, _, files in os.walk(src):
    for name in files:
        if name.endswith('.h'):
            headers.setdefault(name, set()).add(layer_of(os.path.join(root, name)))

problems = []
n_files = 0
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
for root, _, files in os.walk(src):
    for name in sorted(files):
        if not name.endswith(('.c', '.h')):
            continue
        path = os.path.join(root, name)
        own = layer_of(path)
        if own is None:
            continue
        n_files += 1
        with open(path, encoding='utf-8') as f:
            for lineno, line in enumerate(f, 1):
                m = include.match(line)
                if not m:
                    continue
                for theirs in headers.get(os.path.basename(m.group(1)), ()):
                    if theirs is None or theirs == own:
                        continue
                    if LEVEL[theirs] >= LEVEL[own]:
                        problems.append('%s:%d: %s/ includes %s from %s/' % (
                            os.path.relpath(path, src), lineno, own, m.group(1), theirs))

print('1..1')
if problems:
    for p in problems:
        print('# ' + p)
    print('not ok 1 - layers: %d include(s) reach up or sideways' % len(problems))
    sys.exit(1)
print('ok 1 - layers: %d files under src/ include only from their own layer or below' % n_files)

#!/usr/bin/env python3
"""check-potfiles: every source file with translatable strings (_(" in C,
translatable="yes" in .ui) is listed in po/POTFILES.in, and every listed
file exists. TAP output, one test per direction."""
import pathlib
import re
import sys

top = pathlib.Path(sys.argv[1])
listed = set()
for line in (top / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines():
    line = line.strip()
    if line and not line.startswith('#'):
        listed.add(line)

wanted = set()
for path in sorted((top / 'src').rglob('*')):
    if path.suffix == '.c' or path.suffix == '.h':
        if re.search(r'\b_\("', path.read_text(encoding='utf-8', errors='replace')):
            wanted.add(path.relative_to(top).as_posix())
    elif path.suffix == '.ui':
        if 'translatable="yes"' in path.read_text(encoding='utf-8', errors='replace'):
            wanted.add(path.relative_to(top).as_posix())

missing = sorted(wanted - listed)
absent = sorted(p for p in listed if not (top / p).exists())
print('1..2')
for p in missing:
    print(f'# not in po/POTFILES.in: {p}')
print(('not ok' if missing else 'ok') + ' 1 - every file with translatable strings is listed')
for p in absent:
    print(f'# listed but missing: {p}')
print(('not ok' if absent else 'ok') + ' 2 - every listed file exists')
sys.exit(1 if missing or absent else 0)

#!/usr/bin/env bash
# Builds dropbox/build/smsmatch-dropbox.zip for Plugins → Add New → Upload Plugin.
# The archive holds one top-level folder, smsmatch-dropbox/, as WordPress expects.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p build
rm -f build/smsmatch-dropbox.zip
if command -v zip >/dev/null; then
  zip -qr -X build/smsmatch-dropbox.zip smsmatch-dropbox -x '*.DS_Store'
elif command -v python3 >/dev/null; then
  python3 - <<'PY'
import os, zipfile
with zipfile.ZipFile('build/smsmatch-dropbox.zip', 'w', zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk('smsmatch-dropbox'):
        dirs.sort()
        for name in sorted(files):
            z.write(os.path.join(root, name))
PY
else
  echo "build-zip: needs zip or python3" >&2
  exit 1
fi
echo "built $(pwd)/build/smsmatch-dropbox.zip"

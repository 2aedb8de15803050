#!/usr/bin/env bash
# Static check of the WordPress plugin and the test-WordPress helpers: php -l on every PHP file.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v php >/dev/null; then
  echo "dropbox-lint: php is not installed (run .ci/wordpress-up.sh or apt-get install php-cli)" >&2
  exit 1
fi
status=0
count=0
while IFS= read -r -d '' f; do
  count=$((count + 1))
  out=$(php -l "$f" 2>&1) || { echo "$out"; status=1; }
done < <(find dropbox .ci/wordpress test/dropbox-wp test/checkout-wp -name '*.php' -not -path 'dropbox/build/*' -print0)
echo "dropbox-lint: $count PHP files checked"
exit $status

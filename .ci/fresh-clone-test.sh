#!/usr/bin/env bash
# The README's second command as a newcomer meets it: a fresh clone, CI unset, and no WordPress, PostgreSQL or
# browser to be found (the env files and the browser path point nowhere). Suites that need them must skip with
# one line each, and the rest must pass.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mktemp -d /tmp/smsmatch-fresh.XXXXXX)"
trap 'rm -rf "$dir"' EXIT
git clone --quiet "file://$REPO" "$dir/smsmatch"
cd "$dir/smsmatch"
npm ci --no-audit --no-fund --loglevel=error
env -u CI SMSMATCH_WP_ENV=/nonexistent/wp-env.json SMSMATCH_PG_ENV=/nonexistent/pg-env.json \
  SMSMATCH_CHROMIUM=/nonexistent/chromium npm test
echo "fresh-clone-test: npm test passed in a fresh clone with CI unset and no outside services"

#!/usr/bin/env bash
# Brings up a throw-away WordPress 6.8.8 + WooCommerce 10.0.2 (the releases in ../shared/vendor) running this
# checkout's smsmatch plugin, for test/dropbox-wp and the browser tests. Idempotent: a second run only
# restarts what is down. Everything lives under $SMSMATCH_WP_DIR, so several copies can run side by side.
# Two sites share one WordPress and one MariaDB (table prefix per site): "pretty" (/%postname%/ permalinks,
# WooCommerce active, block checkout, KES) and "plain" (no permalinks, the plugin only).
# Writes URLs, keys and users to $SMSMATCH_WP_DIR/env.json.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${SMSMATCH_WP_DIR:-/tmp/smsmatch-wp}"
# ../shared/vendor beside the checkout (or beside the main checkout, for a git worktree elsewhere).
VENDOR="${SMSMATCH_VENDOR_DIR:-$REPO/../shared/vendor}"
if [ ! -d "$VENDOR" ]; then
  VENDOR="$(cd "$(git -C "$REPO" rev-parse --git-common-dir)/../.." && pwd)/shared/vendor"
fi
PRETTY_PORT="${SMSMATCH_WP_PRETTY_PORT:-8781}"
PLAIN_PORT="${SMSMATCH_WP_PLAIN_PORT:-8782}"
SOCK="$DIR/run/mysqld.sock"
WP="$DIR/wordpress"
mkdir -p "$DIR/run"
t0=$(date +%s)

# 1. Debian packages (skipped when present): PHP as WooCommerce needs it, MariaDB, Chromium for browser tests.
PKGS="php8.2-cli php8.2-mysql php8.2-curl php8.2-xml php8.2-mbstring php8.2-intl php8.2-gd php8.2-zip php8.2-bcmath mariadb-server chromium"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "wordpress-up: installing$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >"$DIR/apt.log" 2>&1 \
    || { tail -20 "$DIR/apt.log"; exit 1; }
fi
chown mysql:mysql "$DIR/run"
t1=$(date +%s)

# 2. The vendor releases, unpacked once (never copied into the repository).
for f in wordpress-6.8.8.tar.gz woocommerce-10.0.2.tar.gz; do
  [ -f "$VENDOR/$f" ] || { echo "wordpress-up: $VENDOR/$f not found (set SMSMATCH_VENDOR_DIR)" >&2; exit 1; }
done
if [ ! -f "$WP/.smsmatch-6.8.8" ]; then
  rm -rf "$WP" && tar -xzf "$VENDOR/wordpress-6.8.8.tar.gz" -C "$DIR" && touch "$WP/.smsmatch-6.8.8"
fi
if [ ! -f "$WP/wp-content/plugins/woocommerce/.smsmatch-10.0.2" ]; then
  rm -rf "$WP/wp-content/plugins/woocommerce"
  tar -xzf "$VENDOR/woocommerce-10.0.2.tar.gz" -C "$WP/wp-content/plugins" && touch "$WP/wp-content/plugins/woocommerce/.smsmatch-10.0.2"
fi

# 3. MariaDB in its own datadir, unix socket only.
if ! mariadb-admin --socket="$SOCK" -uroot ping >/dev/null 2>&1; then
  if [ ! -d "$DIR/mysql/mysql" ]; then
    mkdir -p "$DIR/mysql" && chown mysql:mysql "$DIR/mysql"
    mariadb-install-db --no-defaults --user=mysql --datadir="$DIR/mysql" --auth-root-authentication-method=socket \
      --skip-test-db >"$DIR/mysql-install.log" 2>&1 || { tail -20 "$DIR/mysql-install.log"; exit 1; }
  fi
  setsid nohup mariadbd --no-defaults --user=mysql --datadir="$DIR/mysql" --socket="$SOCK" --skip-networking \
    --pid-file="$DIR/run/mysqld.pid" --log-error="$DIR/run/mysqld.err" --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci --innodb-flush-log-at-trx-commit=2 >/dev/null 2>&1 < /dev/null &
  for _ in $(seq 1 100); do
    mariadb-admin --socket="$SOCK" -uroot ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  mariadb-admin --socket="$SOCK" -uroot ping >/dev/null || { tail -20 "$DIR/run/mysqld.err"; exit 1; }
fi
mariadb --socket="$SOCK" -uroot -e "CREATE DATABASE IF NOT EXISTS smsmatch_wp CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  CREATE USER IF NOT EXISTS 'smsmatch'@'localhost' IDENTIFIED BY 'smsmatch';
  GRANT ALL ON smsmatch_wp.* TO 'smsmatch'@'localhost';"

# 4. The plugin (symlinked, so edits are live), a mail catcher, the router and one wp-config.php for both sites.
ln -sfn "$REPO/dropbox/smsmatch-dropbox" "$WP/wp-content/plugins/smsmatch-dropbox"
mkdir -p "$WP/wp-content/mu-plugins"
cp "$REPO/.ci/wordpress/mail-catcher.php" "$WP/wp-content/mu-plugins/smsmatch-mail-catcher.php"
cp "$REPO/.ci/wordpress/wc-case-fix.php" "$WP/wp-content/mu-plugins/smsmatch-wc-cache-engine-case.php"
cp "$REPO/.ci/wordpress/router.php" "$DIR/router.php"
php "$REPO/.ci/wordpress/write-config.php" "$WP/wp-config.php" "$SOCK" "$DIR/mail.log"

# 5. Install both sites (WordPress, permalinks, plugins, shop settings, products, keys, users).
PRETTY_URL="http://127.0.0.1:$PRETTY_PORT"
PLAIN_URL="http://127.0.0.1:$PLAIN_PORT"
# WooCommerce's first load logs "table doesn't exist" before its installer runs: kept in install.log, shown on failure.
install() { # out-file args…
  local out="$1"; shift
  php "$REPO/.ci/wordpress/install.php" "$@" >"$out" 2>>"$DIR/install.log" || { tail -30 "$DIR/install.log" >&2; exit 1; }
}
: >"$DIR/install.log"
install "$DIR/install-pretty.out" core "$WP" smsmatchpretty "$PRETTY_URL" '/%postname%/' woocommerce
install "$DIR/pretty.json" shop "$WP" smsmatchpretty "$PRETTY_URL"
install "$DIR/install-plain.out" core "$WP" smsmatchplain "$PLAIN_URL" ''
install "$DIR/plain.json" info "$WP" smsmatchplain "$PLAIN_URL"

# 6. PHP's built-in server, a few workers so concurrent posts really overlap.
start_server() { # site port
  # A server left by an earlier run is restarted: its PHP workers may still resolve the plugin symlink (just
  # re-pointed above, perhaps to another checkout) to the old place and serve the old plugin's assets.
  if [ -f "$DIR/server-$1.pid" ]; then
    kill -- "-$(cat "$DIR/server-$1.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do
      php -r 'exit(@file_get_contents($argv[1]) === false ? 1 : 0);' "http://127.0.0.1:$2/?rest_route=/" || break
      sleep 0.1
    done
    rm -f "$DIR/server-$1.pid"
  fi
  if php -r 'exit(@file_get_contents($argv[1]) === false ? 1 : 0);' "http://127.0.0.1:$2/?rest_route=/"; then
    echo "wordpress-up: port $2 is taken by a server this script did not start; stop it first" >&2; exit 1
  fi
  SMSMATCH_WP_SITE="$1" SMSMATCH_WP_ACCESS_LOG="$DIR/access.log" PHP_CLI_SERVER_WORKERS=4 \
    setsid nohup php -d memory_limit=512M -S "127.0.0.1:$2" -t "$WP" "$DIR/router.php" \
    >"$DIR/server-$1.log" 2>&1 < /dev/null &
  echo $! >"$DIR/server-$1.pid"
  for _ in $(seq 1 150); do
    php -r 'exit(@file_get_contents($argv[1]) === false ? 1 : 0);' "http://127.0.0.1:$2/?rest_route=/" && return
    sleep 0.1
  done
  echo "wordpress-up: server $1 on port $2 did not start" >&2; tail -20 "$DIR/server-$1.log" >&2; exit 1
}
start_server smsmatchpretty "$PRETTY_PORT"
start_server smsmatchplain "$PLAIN_PORT"

php -r '
  $p = json_decode(file_get_contents($argv[1]), true); $q = json_decode(file_get_contents($argv[2]), true);
  echo json_encode(["pretty" => $p, "plain" => $q, "mail_log" => $argv[3], "access_log" => $argv[4]], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
' "$DIR/pretty.json" "$DIR/plain.json" "$DIR/mail.log" "$DIR/access.log" >"$DIR/env.json"
t2=$(date +%s)
echo "wordpress-up: WordPress 6.8.8 + WooCommerce 10.0.2 ready in $((t2 - t0))s (packages $((t1 - t0))s): $PRETTY_URL (pretty, shop), $PLAIN_URL (plain); env in $DIR/env.json"

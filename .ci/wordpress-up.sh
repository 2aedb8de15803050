#!/usr/bin/env bash
# Brings up a throw-away WordPress with the smsmatch drop-box plugin for test/dropbox-wp.
# Debian packages only (php, mariadb, wordpress); idempotent: a second run only restarts what is down.
# Two sites share one MariaDB: "pretty" (/%postname%/ permalinks) and "plain" (no permalinks).
# Writes URLs, token and secret to $SMSMATCH_WP_DIR/env.json.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${SMSMATCH_WP_DIR:-/tmp/smsmatch-wp}"
PRETTY_PORT="${SMSMATCH_WP_PRETTY_PORT:-8781}"
PLAIN_PORT="${SMSMATCH_WP_PLAIN_PORT:-8782}"
SOCK="$DIR/run/mysqld.sock"
WP=/usr/share/wordpress
mkdir -p "$DIR/run"
chown mysql:mysql "$DIR/run" 2>/dev/null || true
t0=$(date +%s)

# 1. Packages (skipped when present).
PKGS="php-cli php-mysql php-xml php-mbstring mariadb-server wordpress"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "wordpress-up: installing$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >"$DIR/apt.log" 2>&1 \
    || { tail -20 "$DIR/apt.log"; exit 1; }
fi
t1=$(date +%s)

# 2. MariaDB in its own datadir, unix socket only.
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

# 3. Content dir with the plugin (symlinked, so edits are live) and a mail catcher.
mkdir -p "$DIR/wp-content/plugins" "$DIR/wp-content/mu-plugins" "$DIR/wp-content/themes"
ln -sfn "$REPO/dropbox/smsmatch-dropbox" "$DIR/wp-content/plugins/smsmatch-dropbox"
cp "$REPO/.ci/wordpress/mail-catcher.php" "$DIR/wp-content/mu-plugins/smsmatch-mail-catcher.php"
cp "$REPO/.ci/wordpress/router.php" "$DIR/router.php"

# 4. Debian's wp-config.php picks /etc/wordpress/config-<WORDPRESS_CONFIG>.php; the router sets that per port.
mkdir -p /etc/wordpress
for site in pretty plain; do
  cat >"/etc/wordpress/config-smsmatch$site.php" <<PHP
<?php
define( 'DB_NAME', 'smsmatch_wp' );
define( 'DB_USER', 'smsmatch' );
define( 'DB_PASSWORD', 'smsmatch' );
define( 'DB_HOST', 'localhost:$SOCK' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'WP_CONTENT_DIR', '$DIR/wp-content' );
define( 'DISABLE_WP_CRON', true );
define( 'WP_DEBUG', false );
define( 'SMSMATCH_MAIL_LOG', '$DIR/mail.log' );
\$table_prefix = 'wp${site}_';
PHP
done

# 5. Install both sites, set permalinks, activate the plugin, dump env.json.
PRETTY_URL="http://127.0.0.1:$PRETTY_PORT"
PLAIN_URL="http://127.0.0.1:$PLAIN_PORT"
php "$REPO/.ci/wordpress/install.php" smsmatchpretty "$PRETTY_URL" '/%postname%/' >"$DIR/pretty.json"
php "$REPO/.ci/wordpress/install.php" smsmatchplain "$PLAIN_URL" '' >"$DIR/plain.json"

# 6. PHP's built-in server, a few workers so concurrent posts really overlap.
start_server() { # site port
  if php -r 'exit(@file_get_contents($argv[1]) === false ? 1 : 0);' "http://127.0.0.1:$2/?rest_route=/"; then return; fi
  SMSMATCH_WP_SITE="$1" PHP_CLI_SERVER_WORKERS=4 setsid nohup php -S "127.0.0.1:$2" -t "$WP" "$DIR/router.php" \
    >"$DIR/server-$1.log" 2>&1 < /dev/null &
  echo $! >"$DIR/server-$1.pid"
  for _ in $(seq 1 100); do
    php -r 'exit(@file_get_contents($argv[1]) === false ? 1 : 0);' "http://127.0.0.1:$2/?rest_route=/" && return
    sleep 0.1
  done
  echo "wordpress-up: server $1 on port $2 did not start" >&2; tail -20 "$DIR/server-$1.log" >&2; exit 1
}
start_server smsmatchpretty "$PRETTY_PORT"
start_server smsmatchplain "$PLAIN_PORT"

php -r '
  $p = json_decode(file_get_contents($argv[1]), true); $q = json_decode(file_get_contents($argv[2]), true);
  echo json_encode(["pretty" => $p, "plain" => $q, "mail_log" => $argv[3]], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
' "$DIR/pretty.json" "$DIR/plain.json" "$DIR/mail.log" >"$DIR/env.json"
t2=$(date +%s)
echo "wordpress-up: ready in $((t2 - t0))s (packages $((t1 - t0))s): $PRETTY_URL (pretty), $PLAIN_URL (plain); env in $DIR/env.json"

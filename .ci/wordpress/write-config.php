<?php
/**
 * CLI: writes the test WordPress's wp-config.php. One file serves both sites: the site key comes from
 * $_SERVER['WORDPRESS_CONFIG'] (PHP CLI helpers) or SMSMATCH_WP_SITE (the router's server) and picks the
 * table prefix. Usage: php write-config.php <path> <mysql-socket> <mail-log>
 */
list( , $path, $socket, $mail_log ) = $argv;
$salt   = bin2hex( random_bytes( 16 ) );
$config = <<<PHP
<?php
\$smsmatch_site = \$_SERVER['WORDPRESS_CONFIG'] ?? getenv( 'SMSMATCH_WP_SITE' );
if ( ! in_array( \$smsmatch_site, array( 'smsmatchpretty', 'smsmatchplain' ), true ) ) {
	die( 'smsmatch test WordPress: no site selected (SMSMATCH_WP_SITE)' );
}
define( 'DB_NAME', 'smsmatch_wp' );
define( 'DB_USER', 'smsmatch' );
define( 'DB_PASSWORD', 'smsmatch' );
define( 'DB_HOST', 'localhost:$socket' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ) as \$smsmatch_k ) {
	define( \$smsmatch_k, '$salt' . \$smsmatch_k . \$smsmatch_site );
}
define( 'DISABLE_WP_CRON', true );
define( 'WP_DEBUG', false );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'SMSMATCH_MAIL_LOG', '$mail_log' );
\$table_prefix = 'wp' . substr( \$smsmatch_site, 8 ) . '_';
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP;
if ( is_file( $path ) && false !== strpos( (string) file_get_contents( $path ), "DB_HOST', 'localhost:$socket'" ) ) {
	exit( 0 ); // Keep the salts (and so every login cookie and nonce) across reruns.
}
file_put_contents( $path, $config );

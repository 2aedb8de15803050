<?php
/**
 * Router for `php -S`: picks the site (wp-config.php reads SMSMATCH_WP_SITE), serves existing static files
 * without WordPress, runs existing .php files, sends everything else to index.php (what Apache's rewrite rules
 * do for pretty permalinks). Logs one JSON line per request to SMSMATCH_WP_ACCESS_LOG saying whether WordPress
 * (PHP) ran, so idle cost can be counted as a real web server's log would. A request carrying
 * `X-Forwarded-Proto: https` is treated as https, as behind a TLS proxy.
 */
$root = $_SERVER['DOCUMENT_ROOT'];
$path = urldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
$file = realpath( $root . $path );
if ( 'https' === ( $_SERVER['HTTP_X_FORWARDED_PROTO'] ?? '' ) ) {
	$_SERVER['HTTPS'] = 'on';
}
function smsmatch_access_log( bool $php ): void {
	$log = getenv( 'SMSMATCH_WP_ACCESS_LOG' );
	if ( $log ) {
		$line = array(
			't'      => microtime( true ),
			'site'   => getenv( 'SMSMATCH_WP_SITE' ),
			'method' => $_SERVER['REQUEST_METHOD'],
			'uri'    => $_SERVER['REQUEST_URI'],
			'php'    => $php,
		);
		file_put_contents( $log, json_encode( $line, JSON_UNESCAPED_SLASHES ) . "\n", FILE_APPEND | LOCK_EX );
	}
}
if ( false !== $file && is_dir( $file ) && is_file( $file . '/index.php' ) ) {
	$file .= '/index.php';
	$path  = rtrim( $path, '/' ) . '/index.php';
}
if ( false !== $file && is_file( $file ) ) {
	if ( '.php' !== substr( $file, -4 ) ) {
		smsmatch_access_log( false );
		return false;
	}
	smsmatch_access_log( true );
	$_SERVER['SCRIPT_NAME']     = $path;
	$_SERVER['PHP_SELF']        = $path;
	$_SERVER['SCRIPT_FILENAME'] = $root . $path;
	chdir( dirname( $root . $path ) );
	require $root . $path;
	return true;
}
smsmatch_access_log( true );
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir( $root );
require $root . '/index.php';

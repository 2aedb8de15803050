<?php
/**
 * Router for `php -S`: picks the site's config (Debian's wp-config.php reads WORDPRESS_CONFIG),
 * serves existing static files, runs existing .php files, sends everything else to index.php
 * (what Apache's rewrite rules do for pretty permalinks).
 */
$_SERVER['WORDPRESS_CONFIG'] = getenv( 'SMSMATCH_WP_SITE' );
$root = $_SERVER['DOCUMENT_ROOT'];
$path = urldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
$file = realpath( $root . $path );
if ( false !== $file && is_dir( $file ) && is_file( $file . '/index.php' ) ) {
	$file .= '/index.php';
	$path  = rtrim( $path, '/' ) . '/index.php';
}
if ( false !== $file && is_file( $file ) ) {
	if ( '.php' !== substr( $file, -4 ) ) {
		return false;
	}
	$_SERVER['SCRIPT_NAME']     = $path;
	$_SERVER['PHP_SELF']        = $path;
	$_SERVER['SCRIPT_FILENAME'] = $file;
	chdir( dirname( $file ) );
	require $file;
	return true;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir( $root );
require $root . '/index.php';

<?php
/**
 * CLI: installs one WordPress site if needed, sets its URL and permalinks, activates the plugin,
 * and prints {"url","smssync_url","daemon_url","token","secret"} as JSON.
 * Usage: php install.php <config-name> <url> <permalink-structure>
 */
list( , $config, $url, $permalinks ) = $argv;
$host                          = (string) parse_url( $url, PHP_URL_HOST ) . ':' . (string) parse_url( $url, PHP_URL_PORT );
$_SERVER['WORDPRESS_CONFIG']   = $config;
$_SERVER['HTTP_HOST']          = $host;
$_SERVER['SERVER_NAME']        = '127.0.0.1';
$_SERVER['REQUEST_URI']        = '/';
$_SERVER['REQUEST_METHOD']     = 'GET';
define( 'WP_INSTALLING', true );
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

if ( ! is_blog_installed() ) {
	ob_start();
	wp_install( 'smsmatch test shop', 'admin', 'admin@shop.test', false, '', 'smsmatch-admin' );
	ob_end_clean();
}
update_option( 'siteurl', $url );
update_option( 'home', $url );
update_option( 'permalink_structure', $permalinks );
delete_option( 'rewrite_rules' );

$plugin = 'smsmatch-dropbox/smsmatch-dropbox.php';
if ( ! is_plugin_active( $plugin ) ) {
	$result = activate_plugin( $plugin );
	if ( is_wp_error( $result ) ) {
		fwrite( STDERR, 'activation failed: ' . $result->get_error_message() . "\n" );
		exit( 1 );
	}
} else {
	// WP_INSTALLING keeps plugins unloaded; load ours to re-run its (idempotent) activation.
	include_once WP_PLUGIN_DIR . '/' . $plugin;
	Smsmatch_Dropbox_Plugin::activate();
}

echo wp_json_encode(
	array(
		'url'         => $url,
		'smssync_url' => Smsmatch_Dropbox_Settings::smssync_url(),
		'daemon_url'  => Smsmatch_Dropbox_Settings::daemon_base_url(),
		'token'       => Smsmatch_Dropbox_Settings::token(),
		'secret'      => Smsmatch_Dropbox_Settings::secret(),
		'table'       => Smsmatch_Dropbox_Store::messages_table(),
		'config'      => $config,
	),
	JSON_UNESCAPED_SLASHES
), "\n";

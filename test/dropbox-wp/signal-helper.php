<?php
/**
 * Test helper run with the PHP CLI: fires the shared wake-up hook, or regenerates the daemon token and puts the old
 * one back (to prove the old signal file is removed), and prints the signal file's state as JSON.
 * Usage: php signal-helper.php <site-config> <wp-root> wake|regenerate [reason]
 */
list( , $config, $wp_root, $what ) = $argv;
$reason                      = isset( $argv[4] ) ? $argv[4] : 'test';
$_SERVER['WORDPRESS_CONFIG'] = $config;
$_SERVER['HTTP_HOST']        = '127.0.0.1';
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['REQUEST_METHOD']   = 'GET';
require $wp_root . '/wp-load.php';

$uploads = wp_upload_dir( null, false );
$dir     = trailingslashit( $uploads['basedir'] ) . 'smsmatch/';
$out     = array();
if ( 'wake' === $what ) {
	do_action( 'smsmatch_wake_daemon', $reason );
} elseif ( 'regenerate' === $what ) {
	$old             = Smsmatch_Dropbox_Settings::token();
	$old_file        = $dir . Smsmatch_Dropbox_Signal::file_name( $old );
	$out['old_before'] = file_exists( $old_file );
	Smsmatch_Dropbox_Settings::regenerate( 'token' );
	$new             = Smsmatch_Dropbox_Settings::token();
	$out['old_after']  = file_exists( $old_file );
	$out['new_exists'] = file_exists( $dir . Smsmatch_Dropbox_Signal::file_name( $new ) );
	// Put the token the test environment knows back, with its file.
	Smsmatch_Dropbox_Signal::forget( $new );
	update_option( 'smsmatch_dropbox_token', $old, false );
	Smsmatch_Dropbox_Signal::describe();
}
$out['nonce'] = Smsmatch_Dropbox_Signal::nonce();
$out['dir']   = $dir;
$out['files'] = array_values( array_map( 'basename', (array) glob( $dir . '*' ) ) );
echo wp_json_encode( $out );

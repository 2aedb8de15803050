<?php
/**
 * Test helper run with the PHP CLI: backdates one stored SMS, runs the retention cron callback,
 * and prints whether the daily prune event is scheduled.
 * Usage: php prune-helper.php <site-config> <wp-root> <message_id-to-backdate> <days-back>
 */
list( , $config, $wp_root, $message_id, $days ) = $argv;
$_SERVER['WORDPRESS_CONFIG'] = $config;
$_SERVER['HTTP_HOST']        = '127.0.0.1';
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['REQUEST_METHOD']   = 'GET';
require $wp_root . '/wp-load.php';

global $wpdb;
$table = Smsmatch_Dropbox_Store::messages_table();
$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET received_at = %s WHERE message_id = %s", gmdate( 'Y-m-d H:i:s', time() - (int) $days * DAY_IN_SECONDS ), $message_id ) );
do_action( Smsmatch_Dropbox_Plugin::CRON_HOOK );
echo wp_json_encode(
	array(
		'scheduled'      => wp_next_scheduled( Smsmatch_Dropbox_Plugin::CRON_HOOK ),
		'retention_days' => Smsmatch_Dropbox_Settings::retention_days(),
	)
);

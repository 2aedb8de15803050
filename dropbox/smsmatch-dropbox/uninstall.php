<?php
/**
 * Removes every table and option the plugin created.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

global $wpdb;

$smsmatch_dropbox_tables = array( $wpdb->prefix . 'smsmatch_messages', $wpdb->prefix . 'smsmatch_outbox', $wpdb->prefix . 'smsmatch_payments', $wpdb->prefix . 'smsmatch_actions' );
foreach ( $smsmatch_dropbox_tables as $smsmatch_dropbox_table ) {
	$wpdb->query( "DROP TABLE IF EXISTS {$smsmatch_dropbox_table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
}

$smsmatch_dropbox_options = array(
	'smsmatch_dropbox_db_version',
	'smsmatch_dropbox_secret',
	'smsmatch_dropbox_token',
	'smsmatch_dropbox_senders',
	'smsmatch_dropbox_retention_days',
	'smsmatch_dropbox_alert_email',
	'smsmatch_dropbox_dropped',
	'smsmatch_dropbox_last_sms_at',
	'smsmatch_dropbox_last_poll_at',
	'smsmatch_dropbox_published',
	'smsmatch_dropbox_signal_nonce',
);
foreach ( $smsmatch_dropbox_options as $smsmatch_dropbox_option ) {
	delete_option( $smsmatch_dropbox_option );
}

wp_clear_scheduled_hook( 'smsmatch_dropbox_prune' );

// The signal file and its folder under wp-content/uploads.
require_once __DIR__ . '/includes/class-smsmatch-dropbox-signal.php';
Smsmatch_Dropbox_Signal::remove_all();

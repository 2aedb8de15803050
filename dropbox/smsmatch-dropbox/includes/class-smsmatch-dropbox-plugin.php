<?php
/**
 * Wiring: hooks, activation, schema upgrades and the retention cron.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Registers every hook the plugin needs.
 */
class Smsmatch_Dropbox_Plugin {

	const CRON_HOOK = 'smsmatch_dropbox_prune';

	/**
	 * Hooks everything up; called once from the main file.
	 */
	public static function boot() {
		add_action( 'plugins_loaded', array( __CLASS__, 'maybe_upgrade' ) );
		add_action( self::CRON_HOOK, array( __CLASS__, 'prune' ) );
		Smsmatch_Dropbox_Signal::boot();
		add_action( 'rest_api_init', array( 'Smsmatch_Dropbox_Smssync', 'register_routes' ) );
		add_action( 'rest_api_init', array( 'Smsmatch_Dropbox_Daemon_Api', 'register_routes' ) );
		add_action( 'rest_api_init', array( 'Smsmatch_Dropbox_Publish_Api', 'register_routes' ) );
		add_action( 'rest_api_init', array( 'Smsmatch_Dropbox_Admin_Api', 'register_routes' ) );
		add_filter( 'rest_request_before_callbacks', array( 'Smsmatch_Dropbox_Smssync', 'allow_non_json_body' ), 10, 3 );
		// Priority 0: before rest_api_loaded and before any template work, so the plain URL answers fast.
		add_action( 'parse_request', array( 'Smsmatch_Dropbox_Smssync', 'maybe_handle_plain_request' ), 0 );
		Smsmatch_Checkout::boot();
		if ( is_admin() ) {
			Smsmatch_Dropbox_Admin::boot();
			Smsmatch_Dropbox_Payments_Page::boot();
			Smsmatch_Dropbox_Order_Box::boot();
		}
	}

	/**
	 * Activation: tables, secrets, default options, cron.
	 */
	public static function activate() {
		Smsmatch_Dropbox_Store::install();
		Smsmatch_Dropbox_Published::install();
		Smsmatch_Dropbox_Actions::install();
		Smsmatch_Dropbox_Settings::ensure_defaults();
		update_option( 'smsmatch_dropbox_db_version', SMSMATCH_DROPBOX_DB_VERSION, false );
		self::schedule();
	}

	/**
	 * Deactivation keeps the data; it only stops the cron.
	 */
	public static function deactivate() {
		wp_clear_scheduled_hook( self::CRON_HOOK );
	}

	/**
	 * Runs dbDelta again when the stored schema version is older than the code's.
	 */
	public static function maybe_upgrade() {
		if ( get_option( 'smsmatch_dropbox_db_version' ) === SMSMATCH_DROPBOX_DB_VERSION ) {
			return;
		}
		self::activate();
	}

	/**
	 * Makes sure the daily pruning event exists.
	 */
	public static function schedule() {
		if ( ! wp_next_scheduled( self::CRON_HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', self::CRON_HOOK );
		}
	}

	/**
	 * Cron callback: deletes rows older than the retention period.
	 */
	public static function prune() {
		Smsmatch_Dropbox_Store::prune( Smsmatch_Dropbox_Settings::retention_days() );
		Smsmatch_Dropbox_Actions::prune( Smsmatch_Dropbox_Settings::retention_days() );
	}
}

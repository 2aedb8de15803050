<?php
/**
 * Settings → smsmatch: URLs and secrets, sender list, retention, alert address, counters, phone setup.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The settings page (manage_options only, every form nonce-protected, all output escaped).
 */
class Smsmatch_Dropbox_Admin {

	const SLUG = 'smsmatch-dropbox';

	/**
	 * Admin hooks.
	 */
	public static function boot() {
		add_action( 'admin_menu', array( __CLASS__, 'menu' ) );
		add_action( 'admin_post_smsmatch_dropbox_save', array( __CLASS__, 'save' ) );
		add_action( 'admin_post_smsmatch_dropbox_regenerate', array( __CLASS__, 'regenerate' ) );
	}

	/**
	 * Adds Settings → smsmatch.
	 */
	public static function menu() {
		add_options_page( 'smsmatch drop-box', 'smsmatch', 'manage_options', self::SLUG, array( __CLASS__, 'render' ) );
	}

	/**
	 * Saves sender list, retention and alert address.
	 */
	public static function save() {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'You are not allowed to change these settings.', 'smsmatch-dropbox' ), 403 );
		}
		check_admin_referer( 'smsmatch_dropbox_save' );
		$senders   = isset( $_POST['senders'] ) ? sanitize_textarea_field( wp_unslash( $_POST['senders'] ) ) : '';
		$retention = isset( $_POST['retention_days'] ) ? absint( $_POST['retention_days'] ) : Smsmatch_Dropbox_Settings::DEFAULT_RETENTION_DAYS;
		$email     = isset( $_POST['alert_email'] ) ? sanitize_email( wp_unslash( $_POST['alert_email'] ) ) : '';
		Smsmatch_Dropbox_Settings::save_senders( $senders );
		update_option( 'smsmatch_dropbox_retention_days', max( 1, min( 3650, $retention ) ), false );
		update_option( 'smsmatch_dropbox_alert_email', $email, false );
		self::back( 'saved' );
	}

	/**
	 * Regenerates the SMSsync secret or the daemon token.
	 */
	public static function regenerate() {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'You are not allowed to change these settings.', 'smsmatch-dropbox' ), 403 );
		}
		check_admin_referer( 'smsmatch_dropbox_regenerate' );
		$which = isset( $_POST['which'] ) ? sanitize_key( wp_unslash( $_POST['which'] ) ) : '';
		Smsmatch_Dropbox_Settings::regenerate( $which );
		self::back( 'regenerated' );
	}

	/**
	 * Redirects to the settings page with a notice.
	 *
	 * @param string $notice Notice key.
	 */
	private static function back( $notice ) {
		wp_safe_redirect( add_query_arg( array( 'page' => self::SLUG, 'smsmatch_notice' => $notice ), admin_url( 'options-general.php' ) ) );
		exit;
	}

	/**
	 * Renders the page.
	 */
	public static function render() {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$stats  = Smsmatch_Dropbox_Store::stats();
		$notice = isset( $_GET['smsmatch_notice'] ) ? sanitize_key( wp_unslash( $_GET['smsmatch_notice'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		echo '<div class="wrap"><h1>' . esc_html__( 'smsmatch drop-box', 'smsmatch-dropbox' ) . '</h1>';
		if ( '' !== $notice ) {
			echo '<div class="notice notice-success"><p>' . esc_html( 'saved' === $notice ? __( 'Settings saved.', 'smsmatch-dropbox' ) : __( 'New value generated. Update the phone or the daemon now.', 'smsmatch-dropbox' ) ) . '</p></div>';
		}
		self::render_connection();
		self::render_status( $stats );
		self::render_form();
		self::render_phone_steps();
		echo '</div>';
	}

	/**
	 * URLs, secret and token, with regenerate buttons.
	 */
	private static function render_connection() {
		echo '<h2>' . esc_html__( 'Connection', 'smsmatch-dropbox' ) . '</h2><table class="form-table" role="presentation">';
		self::row( __( 'SMSsync URL (type into the phone)', 'smsmatch-dropbox' ), '<code>' . esc_html( Smsmatch_Dropbox_Settings::smssync_url() ) . '</code>' );
		self::row( __( 'SMSsync secret key', 'smsmatch-dropbox' ), '<code>' . esc_html( Smsmatch_Dropbox_Settings::secret() ) . '</code> ' . self::regenerate_button( 'secret' ) );
		self::row( __( 'Daemon base URL (dropbox.url)', 'smsmatch-dropbox' ), '<code>' . esc_html( Smsmatch_Dropbox_Settings::daemon_base_url() ) . '</code>' );
		self::row( __( 'Daemon token', 'smsmatch-dropbox' ), '<code>' . esc_html( Smsmatch_Dropbox_Settings::token() ) . '</code> ' . self::regenerate_button( 'token' ) );
		echo '</table>';
	}

	/**
	 * Counters and last activity.
	 *
	 * @param array $stats Store statistics.
	 */
	private static function render_status( array $stats ) {
		$never = __( 'never', 'smsmatch-dropbox' );
		echo '<h2>' . esc_html__( 'Status', 'smsmatch-dropbox' ) . '</h2><table class="form-table" role="presentation">';
		self::row( __( 'Payment SMS stored', 'smsmatch-dropbox' ), esc_html( number_format_i18n( $stats['stored'] ) ) );
		self::row( __( 'Other SMS dropped (privacy filter)', 'smsmatch-dropbox' ), esc_html( number_format_i18n( Smsmatch_Dropbox_Settings::dropped() ) ) );
		self::row( __( 'Outbox waiting for the phone', 'smsmatch-dropbox' ), esc_html( number_format_i18n( $stats['outbox_size'] ) ) );
		self::row( __( 'Last SMS from the phone (UTC)', 'smsmatch-dropbox' ), esc_html( Smsmatch_Dropbox_Settings::last( 'last_sms_at' ) ?? $never ) );
		self::row( __( 'Last poll by the daemon (UTC)', 'smsmatch-dropbox' ), esc_html( Smsmatch_Dropbox_Settings::last( 'last_poll_at' ) ?? $never ) );
		echo '</table>';
	}

	/**
	 * The editable settings.
	 */
	private static function render_form() {
		echo '<h2>' . esc_html__( 'Settings', 'smsmatch-dropbox' ) . '</h2>';
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
		wp_nonce_field( 'smsmatch_dropbox_save' );
		echo '<input type="hidden" name="action" value="smsmatch_dropbox_save" /><table class="form-table" role="presentation">';
		self::row(
			__( 'Payment senders (one per line)', 'smsmatch-dropbox' ),
			'<textarea name="senders" rows="10" cols="40" class="large-text code">' . esc_textarea( implode( "\n", Smsmatch_Dropbox_Settings::senders() ) ) . '</textarea><p class="description">'
			. esc_html__( 'Only SMS from these senders are stored (case, spaces, dashes and dots are ignored). Every other SMS is acknowledged to the phone and only counted.', 'smsmatch-dropbox' ) . '</p>'
		);
		self::row( __( 'Keep messages for (days)', 'smsmatch-dropbox' ), '<input type="number" min="1" max="3650" name="retention_days" value="' . esc_attr( (string) Smsmatch_Dropbox_Settings::retention_days() ) . '" />' );
		self::row( __( 'Alert email', 'smsmatch-dropbox' ), '<input type="email" class="regular-text" name="alert_email" value="' . esc_attr( (string) get_option( 'smsmatch_dropbox_alert_email', '' ) ) . '" placeholder="' . esc_attr( (string) get_option( 'admin_email' ) ) . '" />' );
		echo '</table>';
		submit_button();
		echo '</form>';
	}

	/**
	 * Step-by-step phone setup.
	 */
	private static function render_phone_steps() {
		$steps = array(
			__( 'Install SMSsync (Ushahidi, v3.1.1) on the shop phone that receives the payment SMS, and make it the default SMS app if Android asks.', 'smsmatch-dropbox' ),
			__( 'Integrations → add a Sync URL: paste the SMSsync URL above exactly (no redirect, no extra query string) and the secret key. Keep the Sync Scheme at POST, URLEncoded and the default keys.', 'smsmatch-dropbox' ),
			__( 'Leave Keywords empty and do not rely on the phone\'s keyword, whitelist or blacklist filters: SMSsync 3.x forwards every SMS whatever the keywords say, and its sender lists are buggy. This site filters senders itself (list above).', 'smsmatch-dropbox' ),
			__( 'Tap "Test integration": it must report success. A failure usually means a wrong secret or URL.', 'smsmatch-dropbox' ),
			__( 'Settings → Automation: turn on Auto Sync (every 5 minutes) so SMS that failed during an outage are retried; keep retries at 3 or more.', 'smsmatch-dropbox' ),
			__( 'Settings → Tasks: turn on Task Checking only if smsmatch should send SMS from the phone; leave "SMS Delivery Report" off (with it on, SMSsync sends each task SMS twice).', 'smsmatch-dropbox' ),
			__( 'Leave "Get Reply from Server" and "Reply Messages" off: customers should not get automatic replies.', 'smsmatch-dropbox' ),
			__( 'Enable the Sync URL and tap "Start SMSsync service". Keep the phone charged, online and exempt from battery optimisation.', 'smsmatch-dropbox' ),
			__( 'Send a test payment and check "Last SMS from the phone" on this page.', 'smsmatch-dropbox' ),
		);
		echo '<h2>' . esc_html__( 'Phone setup (SMSsync)', 'smsmatch-dropbox' ) . '</h2><ol>';
		foreach ( $steps as $step ) {
			echo '<li>' . esc_html( $step ) . '</li>';
		}
		echo '</ol>';
	}

	/**
	 * A regenerate button (its own small form).
	 *
	 * @param string $which 'secret' or 'token'.
	 * @return string HTML.
	 */
	private static function regenerate_button( $which ) {
		return '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" style="display:inline">'
			. wp_nonce_field( 'smsmatch_dropbox_regenerate', '_wpnonce', true, false )
			. '<input type="hidden" name="action" value="smsmatch_dropbox_regenerate" />'
			. '<input type="hidden" name="which" value="' . esc_attr( $which ) . '" />'
			. '<button type="submit" class="button" onclick="return confirm(\'' . esc_js( __( 'Generate a new value? The old one stops working at once.', 'smsmatch-dropbox' ) ) . '\');">'
			. esc_html__( 'Regenerate', 'smsmatch-dropbox' ) . '</button></form>';
	}

	/**
	 * One table row; $html must already be escaped.
	 *
	 * @param string $label Label text (escaped here).
	 * @param string $html  Escaped cell HTML.
	 */
	private static function row( $label, $html ) {
		echo '<tr><th scope="row">' . esc_html( $label ) . '</th><td>' . $html . '</td></tr>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped by callers.
	}
}

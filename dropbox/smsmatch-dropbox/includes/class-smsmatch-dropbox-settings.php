<?php
/**
 * Options: secrets, sender list, retention, alert address, counters and the URLs shown to the admin.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Typed access to the plugin's options.
 */
class Smsmatch_Dropbox_Settings {

	const DEFAULT_RETENTION_DAYS = 90;

	/**
	 * Senders of payment notices; everything else is dropped for the customers' privacy.
	 *
	 * @var string[]
	 */
	const DEFAULT_SENDERS = array(
		'MPESA',
		'M-PESA',
		'M-Pesa',
		'AirtelMoney',
		'AIRTEL',
		'AIRTELMONEY',
		'MobileMoney',
		'M-Money',
		'MTNMobMoney',
		'T-CASH',
		'TIGOPESA',
		'TIGOPESA(smsfp)',
		'MixxByYas',
		'MIXX BY YAS',
		'KCB',
		'Selcom Pesa',
		'eMola',
		'EcoCash',
		'127',
		'Zamtel',
		'TNM Mpamba',
		'OrangeMoney',
		'MoovMoney',
	);

	/**
	 * Creates the secrets and counters once; never overwrites existing values.
	 */
	public static function ensure_defaults() {
		if ( '' === (string) get_option( 'smsmatch_dropbox_secret', '' ) ) {
			update_option( 'smsmatch_dropbox_secret', self::new_secret(), false );
		}
		if ( '' === (string) get_option( 'smsmatch_dropbox_token', '' ) ) {
			update_option( 'smsmatch_dropbox_token', self::new_secret(), false );
		}
		add_option( 'smsmatch_dropbox_senders', self::DEFAULT_SENDERS, '', false );
		add_option( 'smsmatch_dropbox_retention_days', self::DEFAULT_RETENTION_DAYS, '', false );
		add_option( 'smsmatch_dropbox_alert_email', '', '', false );
		add_option( 'smsmatch_dropbox_dropped', 0, '', false );
	}

	/**
	 * Alphanumeric only: the phone sends the secret URL-encoded in query strings and some app versions mangled other characters.
	 *
	 * @return string
	 */
	public static function new_secret() {
		return wp_generate_password( 40, false, false );
	}

	/**
	 * The SMSsync secret key.
	 *
	 * @return string
	 */
	public static function secret() {
		return (string) get_option( 'smsmatch_dropbox_secret', '' );
	}

	/**
	 * The daemon API token.
	 *
	 * @return string
	 */
	public static function token() {
		return (string) get_option( 'smsmatch_dropbox_token', '' );
	}

	/**
	 * Replaces the SMSsync secret or the daemon token.
	 *
	 * @param string $which 'secret' or 'token'.
	 */
	public static function regenerate( $which ) {
		if ( 'token' === $which ) {
			// The signal file's name derives from the token: the old name must not stay readable.
			Smsmatch_Dropbox_Signal::forget( self::token() );
		}
		if ( 'secret' === $which || 'token' === $which ) {
			update_option( 'smsmatch_dropbox_' . $which, self::new_secret(), false );
		}
		if ( 'token' === $which ) {
			Smsmatch_Dropbox_Signal::describe();
		}
	}

	/**
	 * The editable sender list.
	 *
	 * @return string[]
	 */
	public static function senders() {
		$senders = get_option( 'smsmatch_dropbox_senders', self::DEFAULT_SENDERS );
		return is_array( $senders ) ? array_values( array_map( 'strval', $senders ) ) : self::DEFAULT_SENDERS;
	}

	/**
	 * Saves the sender list from the settings textarea (one per line, blank lines ignored).
	 *
	 * @param string $text Raw textarea content.
	 */
	public static function save_senders( $text ) {
		$lines   = preg_split( '/\r\n|\r|\n/', (string) $text );
		$senders = array();
		foreach ( $lines as $line ) {
			$line = trim( $line );
			if ( '' !== $line && ! in_array( $line, $senders, true ) ) {
				$senders[] = $line;
			}
		}
		update_option( 'smsmatch_dropbox_senders', $senders, false );
	}

	/**
	 * Case-insensitive, ignoring spaces, dashes and dots ("M-Pesa" = "MPESA" = "m.pesa").
	 *
	 * @param string $sender A sender address or list entry.
	 * @return string
	 */
	public static function normalise_sender( $sender ) {
		return strtolower( preg_replace( '/[\s.\-]+/u', '', (string) $sender ) );
	}

	/**
	 * Whether an SMS from this sender may be stored.
	 *
	 * @param string $from The SMS sender.
	 * @return bool
	 */
	public static function is_allowed_sender( $from ) {
		$key = self::normalise_sender( $from );
		if ( '' === $key ) {
			return false;
		}
		foreach ( self::senders() as $sender ) {
			if ( self::normalise_sender( $sender ) === $key ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Days to keep messages; at least 1.
	 *
	 * @return int
	 */
	public static function retention_days() {
		$days = (int) get_option( 'smsmatch_dropbox_retention_days', self::DEFAULT_RETENTION_DAYS );
		return $days > 0 ? $days : self::DEFAULT_RETENTION_DAYS;
	}

	/**
	 * Where health alerts go: the configured address or the site admin.
	 *
	 * @return string
	 */
	public static function alert_email() {
		$email = (string) get_option( 'smsmatch_dropbox_alert_email', '' );
		return is_email( $email ) ? $email : (string) get_option( 'admin_email' );
	}

	/**
	 * Counts an SMS dropped by the privacy filter; one SQL statement so concurrent posts are not lost.
	 */
	public static function count_dropped() {
		global $wpdb;
		$wpdb->query(
			$wpdb->prepare(
				"UPDATE {$wpdb->options} SET option_value = CAST(option_value AS UNSIGNED) + 1 WHERE option_name = %s",
				'smsmatch_dropbox_dropped'
			)
		);
		wp_cache_delete( 'smsmatch_dropbox_dropped', 'options' );
		wp_cache_delete( 'notoptions', 'options' );
	}

	/**
	 * SMS dropped by the privacy filter so far.
	 *
	 * @return int
	 */
	public static function dropped() {
		return (int) get_option( 'smsmatch_dropbox_dropped', 0 );
	}

	/**
	 * Records "now" (UTC) under one of the last_* options.
	 *
	 * @param string $name 'last_sms_at' or 'last_poll_at'.
	 */
	public static function touch( $name ) {
		update_option( 'smsmatch_dropbox_' . $name, gmdate( 'Y-m-d\TH:i:s\Z' ), false );
	}

	/**
	 * A last_* time as UTC ISO, or null.
	 *
	 * @param string $name 'last_sms_at' or 'last_poll_at'.
	 * @return string|null
	 */
	public static function last( $name ) {
		$value = (string) get_option( 'smsmatch_dropbox_' . $name, '' );
		return '' === $value ? null : $value;
	}

	/**
	 * Whether the site uses pretty permalinks (so /wp-json/ works).
	 *
	 * @return bool
	 */
	public static function has_pretty_permalinks() {
		return '' !== (string) get_option( 'permalink_structure', '' );
	}

	/**
	 * The URL to type into SMSsync; never relies on its own query string surviving the app's "?task=" suffix.
	 *
	 * @return string
	 */
	public static function smssync_url() {
		if ( self::has_pretty_permalinks() ) {
			return rest_url( 'smsmatch/v1/smssync' );
		}
		return home_url( '/?smsmatch_smssync=1' );
	}

	/**
	 * The base URL the daemon is configured with (dropbox.url).
	 *
	 * @return string
	 */
	public static function daemon_base_url() {
		if ( self::has_pretty_permalinks() ) {
			return untrailingslashit( rest_url( 'smsmatch/v1' ) );
		}
		return home_url( '/?rest_route=/smsmatch/v1' );
	}
}

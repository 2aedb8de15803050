<?php
/**
 * The Health tab: what `smsmatch status` says, each problem with what to do about it.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Combines the plugin's own clocks (the daemon's last poll, the phone's last SMS) with the daemon's published view.
 */
class Smsmatch_Dropbox_Health_View {

	/** No poll for this long: the daemon is down (it polls on every pass, every minute or faster by default). */
	const DAEMON_DOWN_MINUTES = 10;

	/**
	 * The checks, as a table: state, what smsmatch sees, what to do.
	 *
	 * @return array[] Each {id, ok, title, detail, todo}.
	 */
	public static function checks() {
		$meta   = Smsmatch_Dropbox_Published::meta();
		$health = $meta && is_array( $meta['health'] ) ? $meta['health'] : array();
		$poll   = Smsmatch_Dropbox_Settings::last( 'last_poll_at' );
		$sms    = Smsmatch_Dropbox_Settings::last( 'last_sms_at' );
		$alerts = isset( $health['alerts'] ) && is_array( $health['alerts'] ) ? $health['alerts'] : array();
		$silent = null;
		foreach ( $alerts as $a ) {
			if ( isset( $a['id'] ) && 'silent-phone' === $a['id'] ) {
				$silent = $a;
			}
		}
		$down   = ! $poll || strtotime( $poll ) < time() - self::DAEMON_DOWN_MINUTES * MINUTE_IN_SECONDS;
		$pass   = isset( $health['last_pass'] ) && is_array( $health['last_pass'] ) ? $health['last_pass'] : null;
		$checks = array(
			array(
				'id'     => 'daemon',
				'ok'     => ! $down,
				'title'  => __( 'smsmatch daemon', 'smsmatch-dropbox' ),
				/* translators: %s: time */
				'detail' => $poll ? sprintf( __( 'last asked for SMS %s', 'smsmatch-dropbox' ), Smsmatch_Dropbox_Payment_View::time( $poll ) ) . ( $pass ? ' &middot; ' . esc_html( sprintf( /* translators: %s: outcome */ __( 'last pass: %s', 'smsmatch-dropbox' ), $pass['outcome'] . ( empty( $pass['detail'] ) ? '' : ' (' . $pass['detail'] . ')' ) ) ) : '' ) : esc_html__( 'has never asked for SMS', 'smsmatch-dropbox' ),
				'todo'   => __( 'On the server run `smsmatch status`; if the daemon is stopped, `sudo systemctl restart smsmatch` (README → Operations). Payments wait safely in the drop-box meanwhile.', 'smsmatch-dropbox' ),
			),
			array(
				'id'     => 'phone',
				'ok'     => null === $silent,
				'title'  => __( 'Shop phone', 'smsmatch-dropbox' ),
				/* translators: %s: time */
				'detail' => ( $sms ? sprintf( __( 'last SMS %s', 'smsmatch-dropbox' ), Smsmatch_Dropbox_Payment_View::time( $sms ) ) : esc_html__( 'no SMS received yet', 'smsmatch-dropbox' ) ) . ( $silent ? ' &middot; ' . esc_html( $silent['message'] ) : '' ),
				'todo'   => __( 'Check that the phone is on, has signal and credit, and that SMSsync is running with the URL shown on Settings → smsmatch.', 'smsmatch-dropbox' ),
			),
			array(
				'id'     => 'credentials',
				'ok'     => empty( $health['auth_failure'] ),
				'title'  => __( 'Credentials', 'smsmatch-dropbox' ),
				'detail' => empty( $health['auth_failure'] ) ? esc_html__( 'accepted', 'smsmatch-dropbox' ) : esc_html( $health['auth_failure'] ),
				'todo'   => __( 'Put the daemon token from Settings → smsmatch and a WooCommerce REST key with read/write access into the smsmatch config, then `sudo systemctl reload smsmatch`.', 'smsmatch-dropbox' ),
			),
			array(
				'id'     => 'dropbox',
				'ok'     => empty( $health['dropbox_down_since'] ),
				'title'  => __( 'Drop-box reachable from the server', 'smsmatch-dropbox' ),
				/* translators: 1: time, 2: error */
				'detail' => empty( $health['dropbox_down_since'] ) ? esc_html__( 'yes', 'smsmatch-dropbox' ) : sprintf( esc_html__( 'unreachable since %1$s: %2$s', 'smsmatch-dropbox' ), Smsmatch_Dropbox_Payment_View::time( $health['dropbox_down_since'] ), esc_html( (string) $health['dropbox_error'] ) ),
				'todo'   => __( 'Check that this site answers from the server (firewall, maintenance mode, HTTPS certificate).', 'smsmatch-dropbox' ),
			),
		);
		foreach ( $alerts as $a ) {
			if ( isset( $a['id'] ) && 'silent-phone' !== $a['id'] ) {
				$checks[] = array(
					'id'     => 'alert-' . sanitize_key( $a['id'] ),
					'ok'     => false,
					/* translators: %s: alert id */
					'title'  => sprintf( __( 'Alert: %s', 'smsmatch-dropbox' ), $a['id'] ),
					/* translators: 1: message, 2: time */
					'detail' => sprintf( esc_html__( '%1$s (since %2$s)', 'smsmatch-dropbox' ), esc_html( $a['message'] ), Smsmatch_Dropbox_Payment_View::time( $a['first_seen_at'] ) ),
					'todo'   => self::todo_for_alert( (string) $a['id'] ),
				);
			}
		}
		return $checks;
	}

	/**
	 * What to do about an alert smsmatch raised.
	 *
	 * @param string $id Alert id.
	 * @return string
	 */
	private static function todo_for_alert( $id ) {
		if ( 'review-wait' === $id ) {
			return __( 'Settle the payments under "Needs you".', 'smsmatch-dropbox' );
		}
		if ( 0 === strpos( $id, 'balance-chain' ) ) {
			return __( 'The balances in the SMS do not add up: an SMS may be forged or one never arrived. Check the payment in the M-PESA statement (or the provider\'s app) before you confirm it; the payment waits under "Needs you".', 'smsmatch-dropbox' );
		}
		if ( 'dropbox-down' === $id ) {
			return __( 'Check that this site answers from the server (firewall, maintenance mode, HTTPS certificate).', 'smsmatch-dropbox' );
		}
		return __( 'On the server, `smsmatch status` shows it; README → Operations explains each alert.', 'smsmatch-dropbox' );
	}

	/**
	 * Renders the tab.
	 */
	public static function render() {
		$meta = Smsmatch_Dropbox_Published::meta();
		echo '<table class="widefat striped smsmatch-health"><thead><tr><th scope="col">' . esc_html__( 'Check', 'smsmatch-dropbox' ) . '</th><th scope="col">' . esc_html__( 'State', 'smsmatch-dropbox' ) . '</th><th scope="col">' . esc_html__( 'What smsmatch sees', 'smsmatch-dropbox' ) . '</th><th scope="col">' . esc_html__( 'What to do', 'smsmatch-dropbox' ) . '</th></tr></thead><tbody>';
		foreach ( self::checks() as $c ) {
			printf(
				'<tr id="smsmatch-health-%1$s" class="%2$s"><th scope="row">%3$s</th><td><strong>%4$s</strong></td><td>%5$s</td><td>%6$s</td></tr>',
				esc_attr( $c['id'] ),
				$c['ok'] ? 'smsmatch-ok' : 'smsmatch-problem',
				esc_html( $c['title'] ),
				esc_html( $c['ok'] ? __( 'OK', 'smsmatch-dropbox' ) : __( 'Problem', 'smsmatch-dropbox' ) ),
				wp_kses_post( $c['detail'] ),
				$c['ok'] ? '&mdash;' : esc_html( $c['todo'] )
			);
		}
		echo '</tbody></table>';
		if ( $meta && is_array( $meta['health'] ) ) {
			$h = $meta['health'];
			/* translators: 1: payments in review, 2: part-payments */
			echo '<p>' . esc_html( sprintf( __( '%1$d payment(s) wait for review, %2$d part-payment(s).', 'smsmatch-dropbox' ), isset( $h['waiting_for_review'] ) ? (int) $h['waiting_for_review'] : 0, isset( $h['partial'] ) ? (int) $h['partial'] : 0 ) ) . '</p>';
		}
	}
}

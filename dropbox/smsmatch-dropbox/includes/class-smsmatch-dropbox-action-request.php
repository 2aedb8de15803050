<?php
/**
 * Checks and queues one shop-owner decision (assign or dismiss), for the REST route and the wp-admin forms alike.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The door of the action queue: refuses what can never work, queues the rest once, and wakes the daemon.
 * The daemon re-checks everything against its ledger; these checks only give a clear answer sooner.
 */
class Smsmatch_Dropbox_Action_Request {

	/** Order statuses a payment may still be assigned to (as `smsmatch assign`). */
	const PAYABLE = array( 'pending', 'on-hold', 'failed', 'cancelled' );

	/**
	 * Validates and queues.
	 *
	 * @param array   $params action, code, order | reason.
	 * @param WP_User $user   Who asks.
	 * @return array{id: int, status: string, duplicate: bool, message?: string}|WP_Error
	 */
	public static function queue( array $params, $user ) {
		$action = isset( $params['action'] ) && is_string( $params['action'] ) ? $params['action'] : '';
		$code   = isset( $params['code'] ) && is_string( $params['code'] ) ? trim( $params['code'] ) : '';
		if ( ! in_array( $action, array( 'assign', 'dismiss' ), true ) ) {
			return self::invalid( 'action', 'action must be "assign" or "dismiss".' );
		}
		if ( '' === $code || strlen( $code ) > 120 ) {
			return self::invalid( 'code', 'code is required: the payment code from the SMS, e.g. QAB1XYZ.' );
		}
		if ( null === Smsmatch_Dropbox_Published::find( $code ) ) {
			/* translators: %s: payment code */
			return new WP_Error( 'smsmatch_unknown_payment', sprintf( __( 'No payment %s among the payments smsmatch has published; check the code.', 'smsmatch-dropbox' ), $code ), array( 'status' => 404 ) );
		}
		$row = array(
			'action'       => $action,
			'code'         => $code,
			'order_id'     => null,
			'reason'       => null,
			'requested_by' => $user ? $user->user_login : '',
		);
		if ( 'assign' === $action ) {
			$order_id = self::order_id( isset( $params['order'] ) ? $params['order'] : '' );
			if ( is_wp_error( $order_id ) ) {
				return $order_id;
			}
			$row['order_id'] = $order_id;
		} else {
			$reason = isset( $params['reason'] ) && is_string( $params['reason'] ) ? trim( preg_replace( '/\s+/', ' ', $params['reason'] ) ) : '';
			if ( '' === $reason ) {
				return self::invalid( 'reason', __( 'A reason is required: say why this payment is closed without an order.', 'smsmatch-dropbox' ) );
			}
			if ( strlen( $reason ) > 500 ) {
				return self::invalid( 'reason', __( 'The reason is too long (500 characters at most).', 'smsmatch-dropbox' ) );
			}
			$row['reason'] = sanitize_text_field( $reason );
		}
		$queued = Smsmatch_Dropbox_Actions::queue( $row );
		if ( null === $queued ) {
			return new WP_Error( 'smsmatch_db_error', 'Could not queue the action.', array( 'status' => 500 ) );
		}
		if ( $queued['duplicate'] ) {
			return array(
				'id'        => $queued['id'],
				'status'    => 'queued',
				'duplicate' => true,
				/* translators: 1: payment code, 2: action id */
				'message'   => sprintf( __( 'An action for %1$s is already queued (#%2$d); nothing was added.', 'smsmatch-dropbox' ), $code, $queued['id'] ),
			);
		}
		do_action( 'smsmatch_wake_daemon', 'admin-action' );
		return array(
			'id'        => $queued['id'],
			'status'    => 'queued',
			'duplicate' => false,
		);
	}

	/**
	 * The order id from "1042" or "#1042", checked against WooCommerce.
	 *
	 * @param mixed $raw Submitted value.
	 * @return int|WP_Error
	 */
	private static function order_id( $raw ) {
		$text = is_scalar( $raw ) ? ltrim( trim( (string) $raw ), '#' ) : '';
		if ( ! preg_match( '/^\d{1,12}$/', $text ) || (int) $text <= 0 ) {
			return self::invalid( 'order', __( 'order must be an order number such as 1042.', 'smsmatch-dropbox' ) );
		}
		$order = function_exists( 'wc_get_order' ) ? wc_get_order( (int) $text ) : false;
		if ( ! $order || ! is_a( $order, 'WC_Order' ) ) {
			/* translators: %s: order number */
			return self::invalid( 'order', sprintf( __( 'There is no order #%s.', 'smsmatch-dropbox' ), $text ) );
		}
		if ( ! in_array( $order->get_status(), self::PAYABLE, true ) ) {
			/* translators: 1: order number, 2: status */
			return self::invalid( 'order', sprintf( __( 'Order #%1$s is %2$s: it is not waiting for a payment.', 'smsmatch-dropbox' ), $text, $order->get_status() ) );
		}
		return (int) $text;
	}

	/**
	 * 400 smsmatch_invalid_param naming the field.
	 *
	 * @param string $field   Field.
	 * @param string $message What is wrong.
	 * @return WP_Error
	 */
	private static function invalid( $field, $message ) {
		return new WP_Error(
			'smsmatch_invalid_param',
			$message,
			array(
				'status' => 400,
				'field'  => $field,
			)
		);
	}
}

<?php
/**
 * The "Mobile money" box on the order screen (HPOS and the legacy post screen).
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The payment(s) matched to the order with their evidence and SMS; on an unpaid order, the payments waiting in
 * review that could be its own, each with a Confirm button. The box sits inside the order's own form (no nested
 * form allowed), so its button queues through the admin REST route (assets/admin.js, cookie + wp_rest nonce);
 * without JavaScript it links to the same payment on WooCommerce → Mobile money.
 */
class Smsmatch_Dropbox_Order_Box {

	/**
	 * Hooks.
	 */
	public static function boot() {
		add_action( 'add_meta_boxes', array( __CLASS__, 'register' ), 30 );
	}

	/**
	 * Adds the box to whichever order screen is in use.
	 */
	public static function register() {
		if ( ! current_user_can( Smsmatch_Dropbox_Payments_Page::CAP ) ) {
			return;
		}
		foreach ( array( 'shop_order', 'woocommerce_page_wc-orders' ) as $screen ) {
			add_meta_box( 'smsmatch-mobile-money', __( 'Mobile money', 'smsmatch-dropbox' ), array( __CLASS__, 'render' ), $screen, 'normal', 'default' );
		}
	}

	/**
	 * Renders the box.
	 *
	 * @param WP_Post|WC_Order $object The post (legacy screen) or the order (HPOS screen).
	 */
	public static function render( $object ) {
		$order = $object instanceof WP_Post ? wc_get_order( $object->ID ) : $object;
		if ( ! $order || ! is_a( $order, 'WC_Order' ) ) {
			return;
		}
		$found = Smsmatch_Dropbox_Published::for_order( $order->get_id() );
		echo '<div class="smsmatch-order-box">';
		if ( $found['matched'] ) {
			foreach ( $found['matched'] as $p ) {
				echo '<div class="smsmatch-order-payment"><p><strong>' . esc_html( Smsmatch_Dropbox_Payments_Table::state_label( $p ) ) . '</strong></p>';
				Smsmatch_Dropbox_Payment_View::facts( $p );
				Smsmatch_Dropbox_Payment_View::reasons( $p );
				echo '</div>';
			}
		} elseif ( ! in_array( $order->get_status(), Smsmatch_Dropbox_Action_Request::PAYABLE, true ) ) {
			echo '<p>' . esc_html__( 'No mobile-money payment is recorded for this order.', 'smsmatch-dropbox' ) . '</p>';
		}
		if ( in_array( $order->get_status(), Smsmatch_Dropbox_Action_Request::PAYABLE, true ) ) {
			self::could_be( $order, $found['candidates'] );
		}
		echo '</div>';
	}

	/**
	 * Payments in review naming this order, and others of exactly its amount.
	 *
	 * @param WC_Order $order      Order.
	 * @param array[]  $candidates Payments in review naming it.
	 */
	private static function could_be( $order, array $candidates ) {
		$minor = (int) round( (float) $order->get_total() * pow( 10, wc_get_price_decimals() ) );
		$keys  = wp_list_pluck( $candidates, 'key' );
		foreach ( Smsmatch_Dropbox_Published::review_queue( 200 ) as $p ) {
			if ( ! in_array( $p['key'], $keys, true ) && isset( $p['amount_minor'] ) && (int) $p['amount_minor'] === $minor && $p['currency'] === $order->get_currency() ) {
				$candidates[] = $p;
			}
		}
		if ( ! $candidates ) {
			echo '<p>' . esc_html__( 'No payment waiting for review could be this order\'s.', 'smsmatch-dropbox' ) . '</p>';
			return;
		}
		echo '<p><strong>' . esc_html__( 'Waiting for review; could be this order\'s:', 'smsmatch-dropbox' ) . '</strong></p>';
		$actions = Smsmatch_Dropbox_Actions::latest_for( wp_list_pluck( $candidates, 'code' ) );
		foreach ( $candidates as $p ) {
			echo '<div class="smsmatch-order-payment">';
			Smsmatch_Dropbox_Payment_View::facts( $p );
			Smsmatch_Dropbox_Payment_View::reasons( $p );
			Smsmatch_Dropbox_Payment_View::action_status( isset( $actions[ strtoupper( $p['code'] ) ] ) ? $actions[ strtoupper( $p['code'] ) ] : null );
			$page = admin_url( 'admin.php?page=' . Smsmatch_Dropbox_Payments_Page::SLUG . '#smsmatch-payment-' . sanitize_html_class( strtolower( $p['code'] ) ) );
			printf(
				'<button type="button" class="button button-primary smsmatch-rest-assign" data-code="%1$s" data-order="%2$d">%3$s</button> <noscript><a href="%4$s">%5$s</a></noscript>',
				esc_attr( $p['code'] ),
				(int) $order->get_id(),
				/* translators: 1: payment code, 2: order number */
				esc_html( sprintf( __( 'Confirm %1$s for order #%2$s', 'smsmatch-dropbox' ), $p['code'], $order->get_order_number() ) ),
				esc_url( $page ),
				esc_html__( 'Settle it on WooCommerce → Mobile money', 'smsmatch-dropbox' )
			);
			echo '</div>';
		}
	}
}

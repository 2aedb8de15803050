<?php
/**
 * The live "Waiting for your payment / Payment received" panel and the code form, on the order-received page
 * (classic and block themes) and in My account → order.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Renders the instructions, the panel and the form; assets/smsmatch-panel.js keeps the panel live.
 */
class Smsmatch_Status_Panel {

	/**
	 * Order-received page: `woocommerce_thankyou_smsmatch` (the block theme runs it in the Additional Information block).
	 *
	 * @param int $order_id Order id.
	 */
	public static function thankyou( $order_id ) {
		$order = wc_get_order( $order_id );
		if ( $order instanceof WC_Order ) {
			self::render( $order );
		}
	}

	/**
	 * My account → order.
	 *
	 * @param int $order_id Order id.
	 */
	public static function view_order( $order_id ) {
		$order = wc_get_order( $order_id );
		// WooCommerce checks the owner before it runs this hook; checked again because the panel carries the order
		// key and a theme's template may run the hook on its own.
		if ( $order instanceof WC_Order && Smsmatch_Gateway::ID === $order->get_payment_method() && current_user_can( 'view_order', $order->get_id() ) ) {
			self::render( $order );
		}
	}

	/**
	 * Prints the panel for one order.
	 *
	 * @param WC_Order $order Order.
	 */
	public static function render( $order ) {
		$paid = $order->is_paid();
		// Already over without a payment: say so at once instead of "Waiting…" until the first poll.
		$closed = ! $paid && in_array( $order->get_status(), array( 'cancelled', 'refunded', 'failed' ), true );
		self::enqueue();
		echo '<div class="smsmatch-order" id="smsmatch-order">';
		if ( ! $paid && in_array( $order->get_status(), array( 'on-hold', 'pending' ), true ) ) {
			echo Smsmatch_Instructions::html( $order, Smsmatch_Checkout::settings() ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in html().
		}
		$status_url = add_query_arg(
			array(
				'order' => $order->get_id(),
				'key'   => $order->get_order_key(),
			),
			rest_url( 'smsmatch/v1/order-status' )
		);
		printf(
			'<section class="smsmatch-panel %1$s" data-status-url="%2$s" data-code-url="%3$s" data-order="%4$d" data-key="%5$s" data-paid="%6$s" data-closed="%8$s" aria-live="polite">'
			. '<p class="smsmatch-panel-status">%7$s</p>',
			esc_attr( $paid ? 'is-paid' : ( $closed ? 'is-closed' : 'is-waiting' ) ),
			esc_url( $status_url ),
			esc_url( rest_url( 'smsmatch/v1/order-code' ) ),
			(int) $order->get_id(),
			esc_attr( $order->get_order_key() ),
			$paid ? '1' : '0',
			esc_html( $paid ? __( 'Payment received — thank you', 'smsmatch-dropbox' ) : ( $closed ? self::cancelled_text() : __( 'Waiting for your payment…', 'smsmatch-dropbox' ) ) ),
			$closed ? '1' : '0'
		);
		if ( ! $paid && ! $closed ) {
			$code = (string) $order->get_meta( Smsmatch_Order_Meta::CODE );
			printf(
				'<form class="smsmatch-code-form" novalidate><label for="smsmatch-code">%1$s</label>'
				. '<span class="smsmatch-code-row"><input id="smsmatch-code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" value="%2$s" />'
				. '<button type="submit" class="%5$s">%3$s</button></span>'
				. '<span class="smsmatch-code-message" role="status">%4$s</span></form>',
				esc_html__( 'Paid already? Enter your M-PESA code', 'smsmatch-dropbox' ),
				esc_attr( $code ),
				esc_html__( 'Send code', 'smsmatch-dropbox' ),
				'' !== $code ? esc_html( sprintf( 'We have your code %s and are checking it.', $code ) ) : '',
				// A block theme styles buttons through theme.json's element class, as WooCommerce's own buttons do.
				esc_attr( trim( 'button ' . ( function_exists( 'wc_wp_theme_get_element_class_name' ) ? wc_wp_theme_get_element_class_name( 'button' ) : '' ) ) )
			);
		}
		echo '</section></div>';
	}

	/**
	 * Order statuses by the route's slug ("processing" → "Processing"), in the shop's language.
	 *
	 * @return array<string, string>
	 */
	private static function status_names() {
		$names = array();
		foreach ( wc_get_order_statuses() as $key => $name ) {
			$names[ 'wc-' === substr( $key, 0, 3 ) ? substr( $key, 3 ) : $key ] = $name;
		}
		return $names;
	}

	/**
	 * What the panel says of an order that ended without a payment.
	 *
	 * @return string
	 */
	private static function cancelled_text() {
		return __( 'This order was cancelled. If you have paid, contact the shop with your payment code.', 'smsmatch-dropbox' );
	}

	/**
	 * The panel script and its few strings.
	 */
	private static function enqueue() {
		wp_enqueue_style( 'smsmatch-panel', plugins_url( 'assets/smsmatch.css', SMSMATCH_DROPBOX_FILE ), array(), SMSMATCH_DROPBOX_VERSION );
		wp_enqueue_script( 'smsmatch-panel', plugins_url( 'assets/smsmatch-panel.js', SMSMATCH_DROPBOX_FILE ), array(), SMSMATCH_DROPBOX_VERSION, true );
		wp_localize_script(
			'smsmatch-panel',
			'smsmatchPanel',
			array(
				'paid'      => __( 'Payment received — thank you', 'smsmatch-dropbox' ),
				'waiting'   => __( 'Waiting for your payment…', 'smsmatch-dropbox' ),
				'stopped'   => __( 'Still waiting for your payment. We will email you as soon as it arrives; you can also reload this page later.', 'smsmatch-dropbox' ),
				'cancelled' => self::cancelled_text(),
				'sending'   => __( 'Sending…', 'smsmatch-dropbox' ),
				'offline'   => __( 'Could not reach the shop; check your connection and try again.', 'smsmatch-dropbox' ),
				// My account → order says "is currently On hold" above the panel; the script updates it with these.
				'statuses'  => self::status_names(),
			)
		);
	}
}

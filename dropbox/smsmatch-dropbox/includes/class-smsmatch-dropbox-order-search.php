<?php
/**
 * Finds open orders (waiting for a payment) by number, name or phone, for "Confirm for order #…".
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Works on HPOS and the legacy post tables alike: wc_get_orders over the newest open orders, filtered in PHP.
 */
class Smsmatch_Dropbox_Order_Search {

	/**
	 * Up to 20 open orders matching the search (all recent ones when empty).
	 *
	 * @param string $search Number ("1042", "#1042"), name or phone digits.
	 * @return array[] Each {id, number, status, name, total, edit_url}.
	 */
	public static function search( $search ) {
		if ( ! function_exists( 'wc_get_orders' ) ) {
			return array();
		}
		$search = strtolower( trim( $search ) );
		$orders = wc_get_orders(
			array(
				'status'  => Smsmatch_Dropbox_Action_Request::PAYABLE,
				'limit'   => 200,
				'orderby' => 'date',
				'order'   => 'DESC',
				'type'    => 'shop_order',
			)
		);
		$out    = array();
		$digits = ltrim( preg_replace( '/\D/', '', $search ), '0' );
		foreach ( $orders as $order ) {
			$name  = strtolower( trim( $order->get_billing_first_name() . ' ' . $order->get_billing_last_name() ) );
			$phone = preg_replace( '/\D/', '', $order->get_billing_phone() );
			$hit   = '' === $search
				|| ltrim( $search, '#' ) === (string) $order->get_order_number()
				|| ( '' !== $name && false !== strpos( $name, $search ) )
				|| ( strlen( $digits ) >= 3 && false !== strpos( $phone, $digits ) );
			if ( ! $hit ) {
				continue;
			}
			$out[] = self::shape( $order );
			if ( count( $out ) >= 20 ) {
				break;
			}
		}
		return $out;
	}

	/**
	 * What the form shows of an order.
	 *
	 * @param WC_Order $order Order.
	 * @return array
	 */
	public static function shape( $order ) {
		return array(
			'id'       => $order->get_id(),
			'number'   => (string) $order->get_order_number(),
			'status'   => $order->get_status(),
			'name'     => trim( $order->get_billing_first_name() . ' ' . $order->get_billing_last_name() ),
			'total'    => html_entity_decode( wp_strip_all_tags( wc_price( $order->get_total(), array( 'currency' => $order->get_currency() ) ) ) ),
			'edit_url' => $order->get_edit_order_url(),
		);
	}
}

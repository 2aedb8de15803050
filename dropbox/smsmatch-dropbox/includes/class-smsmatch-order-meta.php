<?php
/**
 * What the customer declares about their payment, kept on the order through the WC_Order meta API (HPOS-safe).
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The meta keys the smsmatch daemon reads from each open order's `meta_data` (no extra requests), and their writers.
 */
class Smsmatch_Order_Meta {

	/** E.164 number the customer says they will pay from. */
	const PHONE = '_smsmatch_phone';
	/** Name on that account when it is not the customer's own. */
	const PAYER_NAME = '_smsmatch_payer_name';
	/** Transaction code the customer typed after paying. */
	const CODE = '_smsmatch_entered_code';
	/** When the code was typed (UTC ISO). */
	const CODE_AT = '_smsmatch_entered_code_at';
	/** Site option: when any customer last typed a code; the daemon API's /messages reports it as last_code_at. */
	const LAST_CODE_OPTION = 'smsmatch_last_code_at';

	/**
	 * Stores the checkout declaration (the caller saves the order).
	 *
	 * @param WC_Order $order      Order.
	 * @param string   $phone      E.164 number.
	 * @param string   $payer_name Optional name.
	 */
	public static function set_declaration( $order, $phone, $payer_name ) {
		$order->update_meta_data( self::PHONE, $phone );
		if ( '' !== $payer_name ) {
			$order->update_meta_data( self::PAYER_NAME, $payer_name );
		} else {
			$order->delete_meta_data( self::PAYER_NAME );
		}
	}

	/**
	 * Stores a customer-entered code, quotes it in a private note and saves the order.
	 *
	 * @param WC_Order $order Order.
	 * @param string   $code  Normalised code.
	 * @return bool False when the order already carries this very code (nothing changed).
	 */
	public static function set_code( $order, $code ) {
		if ( $order->get_meta( self::CODE ) === $code ) {
			return false;
		}
		$previous = (string) $order->get_meta( self::CODE );
		$order->update_meta_data( self::CODE, $code );
		$now = gmdate( 'Y-m-d\TH:i:s\Z' );
		$order->update_meta_data( self::CODE_AT, $now );
		$order->save();
		// The daemon asks the shop for typed codes only after this moves (its idle ticks make no shop request).
		update_option( self::LAST_CODE_OPTION, $now, false );
		$note = '' === $previous
			? sprintf( 'The customer entered the payment code %s on the order page.', $code )
			: sprintf( 'The customer entered the payment code %1$s on the order page (it replaces %2$s).', $code, $previous );
		$order->add_order_note( $note, 0, false );
		return true;
	}

	/**
	 * A payer name as typed: one line, trimmed, at most 100 characters.
	 *
	 * @param mixed $raw Posted value.
	 * @return string
	 */
	public static function clean_name( $raw ) {
		$name = is_scalar( $raw ) ? sanitize_text_field( (string) $raw ) : '';
		$name = trim( preg_replace( '/\s+/u', ' ', $name ) );
		return function_exists( 'mb_substr' ) ? mb_substr( $name, 0, 100 ) : substr( $name, 0, 100 );
	}
}

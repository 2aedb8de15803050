<?php
/**
 * "How to pay" for one order: the owner's text with its placeholders filled, then numbered steps.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Builds the instructions shown on the order-received page, in My account and in the on-hold email.
 */
class Smsmatch_Instructions {

	/**
	 * The steps, as plain strings, for an order and the gateway's settings.
	 *
	 * @param WC_Order             $order    Order.
	 * @param array<string, mixed> $settings Gateway settings.
	 * @param string               $context  'page' (live panel below) or 'email'.
	 * @return array{intro: string, steps: string[]}
	 */
	public static function for_order( $order, array $settings, $context = 'page' ) {
		$network = Smsmatch_Networks::get( (string) ( $settings['network'] ?? '' ) );
		$name    = '' !== trim( (string) ( $settings['network_name'] ?? '' ) ) ? trim( (string) $settings['network_name'] ) : $network['name'];
		$pay_to  = trim( (string) ( $settings['pay_to'] ?? '' ) );
		$type    = (string) ( $settings['pay_to_type'] ?? 'till' );
		$amount  = html_entity_decode( wp_strip_all_tags( wc_price( $order->get_total(), array( 'currency' => $order->get_currency() ) ) ), ENT_QUOTES, 'UTF-8' );
		$number  = (string) $order->get_order_number();
		$values  = array(
			'{amount}'       => $amount,
			'{order_number}' => $number,
			'{pay_to}'       => $pay_to,
		);
		$intro   = strtr( (string) ( $settings['instructions'] ?? '' ), $values );

		$steps = array();
		if ( 'paybill' === $type ) {
			$steps[] = sprintf( 'On your phone open %s and choose Lipa na M-PESA → Pay Bill.', $name );
			$steps[] = sprintf( 'Business number: %s', $pay_to );
			$steps[] = sprintf( 'Account number: %s (your order number)', $number );
		} elseif ( 'phone' === $type ) {
			$steps[] = sprintf( 'On your phone open %s and choose Send Money.', $name );
			$steps[] = sprintf( 'Phone number: %s', $pay_to );
		} else {
			$steps[] = sprintf( 'On your phone open %s and choose Lipa na M-PESA → Buy Goods and Services.', $name );
			$steps[] = sprintf( 'Till number: %s', $pay_to );
		}
		$steps[] = sprintf( 'Amount: %s', $amount );
		$steps[] = 'Enter your PIN and confirm.';
		$steps[] = 'email' === $context
			? sprintf( 'Keep the %s confirmation SMS. We confirm the payment automatically and email you when it arrives; if you paid from another number, you can enter the code from that SMS on your order page.', $name )
			: sprintf( 'Keep the %s confirmation SMS: this page turns to "Payment received" by itself once the shop receives the money. If it does not, enter the code from that SMS below.', $name );
		if ( 'phone' !== $type && 'paybill' !== $type && 'M-PESA' !== $name ) {
			// Only M-PESA calls its merchant menu "Lipa na M-PESA"; other networks say "Pay merchant".
			$steps[0] = sprintf( 'On your phone open %s and choose Pay merchant (till).', $name );
		}
		if ( 'paybill' === $type && 'M-PESA' !== $name ) {
			$steps[0] = sprintf( 'On your phone open %s and choose Pay bill.', $name );
		}
		return array(
			'intro' => $intro,
			'steps' => $steps,
		);
	}

	/**
	 * HTML: an optional paragraph and an ordered list.
	 *
	 * @param WC_Order             $order    Order.
	 * @param array<string, mixed> $settings Gateway settings.
	 * @param string               $context  'page' or 'email'.
	 * @return string
	 */
	public static function html( $order, array $settings, $context = 'page' ) {
		$i   = self::for_order( $order, $settings, $context );
		$out = '<section class="smsmatch-instructions"><h2>' . esc_html__( 'How to pay', 'smsmatch-dropbox' ) . '</h2>';
		if ( '' !== trim( $i['intro'] ) ) {
			$out .= wpautop( wptexturize( esc_html( $i['intro'] ) ) );
		}
		$out .= '<ol class="smsmatch-steps">';
		foreach ( $i['steps'] as $step ) {
			$out .= '<li>' . esc_html( $step ) . '</li>';
		}
		return $out . '</ol></section>';
	}

	/**
	 * Plain text for plain-text emails: numbered lines.
	 *
	 * @param WC_Order             $order    Order.
	 * @param array<string, mixed> $settings Gateway settings.
	 * @return string
	 */
	public static function text( $order, array $settings ) {
		$i     = self::for_order( $order, $settings, 'email' );
		$lines = array( 'How to pay' );
		if ( '' !== trim( $i['intro'] ) ) {
			$lines[] = trim( $i['intro'] );
		}
		foreach ( $i['steps'] as $n => $step ) {
			$lines[] = ( $n + 1 ) . '. ' . $step;
		}
		return implode( "\n", $lines ) . "\n\n";
	}
}

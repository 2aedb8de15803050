<?php
/**
 * The payments table of WooCommerce → Mobile money: one row per payment, its forms in the last cell.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A table of real forms: every control labelled, usable with the keyboard alone.
 */
class Smsmatch_Dropbox_Payments_Table {

	/**
	 * Renders the table.
	 *
	 * @param array[] $payments Payments.
	 * @param bool    $review   The Needs you tab (forms on every row).
	 */
	public static function render( array $payments, $review ) {
		if ( ! $payments ) {
			echo '<p class="smsmatch-empty">' . esc_html( $review ? __( 'Nothing waits for you: every payment is settled.', 'smsmatch-dropbox' ) : __( 'No payment found.', 'smsmatch-dropbox' ) ) . '</p>';
			return;
		}
		$actions = Smsmatch_Dropbox_Actions::latest_for( wp_list_pluck( $payments, 'code' ) );
		echo '<table class="widefat striped smsmatch-payments"><thead><tr>';
		echo '<th scope="col">' . esc_html__( 'Payment', 'smsmatch-dropbox' ) . '</th>';
		echo '<th scope="col">' . esc_html( $review ? __( 'Why it waits', 'smsmatch-dropbox' ) : __( 'Decision', 'smsmatch-dropbox' ) ) . '</th>';
		echo '<th scope="col">' . esc_html( $review ? __( 'Candidate orders', 'smsmatch-dropbox' ) : __( 'Order', 'smsmatch-dropbox' ) ) . '</th>';
		echo '<th scope="col">' . esc_html( $review ? __( 'Decide', 'smsmatch-dropbox' ) : __( 'Status', 'smsmatch-dropbox' ) ) . '</th>';
		echo '</tr></thead><tbody>';
		foreach ( $payments as $p ) {
			$action = isset( $actions[ strtoupper( $p['code'] ) ] ) ? $actions[ strtoupper( $p['code'] ) ] : null;
			printf( '<tr id="smsmatch-payment-%s">', esc_attr( sanitize_html_class( strtolower( $p['code'] ) ) ) );
			echo '<td>';
			Smsmatch_Dropbox_Payment_View::facts( $p );
			echo '</td><td>';
			echo '<p><strong>' . esc_html( self::state_label( $p ) ) . '</strong>';
			if ( ! empty( $p['review'] ) ) {
				/* translators: %s: time */
				echo '<br>' . wp_kses_post( sprintf( __( 'waiting since %s', 'smsmatch-dropbox' ), Smsmatch_Dropbox_Payment_View::time( $p['waiting_since'] ) ) );
			}
			echo '</p>';
			Smsmatch_Dropbox_Payment_View::reasons( $p );
			echo '</td><td>';
			if ( ! empty( $p['review'] ) ) {
				Smsmatch_Dropbox_Payment_View::candidates( $p );
			} else {
				self::order_link( $p );
			}
			echo '</td><td>';
			Smsmatch_Dropbox_Payment_View::action_status( $action );
			if ( ! empty( $p['review'] ) ) {
				Smsmatch_Dropbox_Payment_View::forms( $p );
			}
			echo '</td></tr>';
		}
		echo '</tbody></table>';
	}

	/**
	 * The state in words.
	 *
	 * @param array $p Payment.
	 * @return string
	 */
	public static function state_label( array $p ) {
		if ( ! empty( $p['stuck'] ) ) {
			return __( 'matched, but the order was never written', 'smsmatch-dropbox' );
		}
		$labels = array(
			'review'            => __( 'needs a decision', 'smsmatch-dropbox' ),
			'unmatched'         => __( 'no order fits', 'smsmatch-dropbox' ),
			'partial'           => __( 'part-payment', 'smsmatch-dropbox' ),
			'matched'           => __( 'matched, write pending', 'smsmatch-dropbox' ),
			'confirmed'         => __( 'confirmed automatically', 'smsmatch-dropbox' ),
			'assigned-manually' => __( 'confirmed by hand', 'smsmatch-dropbox' ),
			'dismissed'         => __( 'dismissed', 'smsmatch-dropbox' ),
			'reversed'          => __( 'reversed by the provider', 'smsmatch-dropbox' ),
		);
		return isset( $labels[ $p['state'] ] ) ? $labels[ $p['state'] ] : (string) $p['state'];
	}

	/**
	 * A link to the payment's order, when it has one.
	 *
	 * @param array $p Payment.
	 */
	private static function order_link( array $p ) {
		if ( empty( $p['order_id'] ) ) {
			echo '&mdash;';
			return;
		}
		$order = function_exists( 'wc_get_order' ) ? wc_get_order( (int) $p['order_id'] ) : false;
		if ( ! $order ) {
			echo '#' . (int) $p['order_id'];
			return;
		}
		printf( '<a href="%1$s">#%2$s</a> %3$s', esc_url( $order->get_edit_order_url() ), esc_html( $order->get_order_number() ), esc_html( wc_get_order_status_name( $order->get_status() ) ) );
	}
}

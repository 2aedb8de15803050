<?php
/**
 * How one published payment is shown: the facts, the evidence, the SMS, the action status and the forms.
 * Shared by WooCommerce → Mobile money and the order screen's box.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Output only; every value escaped at the point of output.
 */
class Smsmatch_Dropbox_Payment_View {

	const FORM_ACTION = 'smsmatch_admin_action';

	/**
	 * A UTC ISO time in the shop's time zone, inside <time>.
	 *
	 * @param string|null $iso UTC ISO time.
	 * @return string HTML.
	 */
	public static function time( $iso ) {
		$ts = $iso ? strtotime( $iso ) : false;
		if ( ! $ts ) {
			return esc_html__( 'unknown time', 'smsmatch-dropbox' );
		}
		return '<time datetime="' . esc_attr( gmdate( 'c', $ts ) ) . '">' . esc_html( wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $ts ) ) . '</time>';
	}

	/**
	 * Code, amount, payer, time and the SMS (collapsed).
	 *
	 * @param array $p Payment.
	 */
	public static function facts( array $p ) {
		$payer = trim( ( isset( $p['payer_name'] ) ? $p['payer_name'] : '' ) . ' ' . ( isset( $p['payer_phone'] ) ? $p['payer_phone'] : '' ) );
		echo '<strong class="smsmatch-code">' . esc_html( $p['code'] ) . '</strong> ';
		echo '<span class="smsmatch-amount">' . esc_html( isset( $p['amount'] ) && $p['amount'] ? $p['amount'] : __( 'no amount', 'smsmatch-dropbox' ) ) . '</span><br>';
		echo esc_html( '' !== $payer ? $payer : __( 'unknown payer', 'smsmatch-dropbox' ) ) . '<br>';
		/* translators: %s: time */
		echo wp_kses_post( sprintf( __( 'paid %s', 'smsmatch-dropbox' ), self::time( isset( $p['paid_at'] ) ? $p['paid_at'] : null ) ) );
		if ( ! empty( $p['sms'] ) ) {
			echo '<details class="smsmatch-sms"><summary>' . esc_html__( 'The SMS', 'smsmatch-dropbox' ) . '</summary><p>' . esc_html( ( isset( $p['sender'] ) ? $p['sender'] . ': ' : '' ) . $p['sms'] ) . '</p></details>';
		}
	}

	/**
	 * The engine's and people's reasons, as a list.
	 *
	 * @param array $p Payment.
	 */
	public static function reasons( array $p ) {
		$reasons = isset( $p['reasons'] ) && is_array( $p['reasons'] ) ? $p['reasons'] : array();
		if ( ! $reasons ) {
			echo '<p>' . esc_html__( 'No reason recorded.', 'smsmatch-dropbox' ) . '</p>';
			return;
		}
		echo '<ul class="smsmatch-reasons">';
		foreach ( $reasons as $reason ) {
			echo '<li>' . esc_html( (string) $reason ) . '</li>';
		}
		echo '</ul>';
	}

	/**
	 * The latest action on this payment: queued (polled by admin.js), done or failed with the daemon's words.
	 *
	 * @param array|null $action Latest action or null.
	 */
	public static function action_status( $action ) {
		if ( ! $action ) {
			echo '<p class="smsmatch-status" role="status" aria-live="polite"></p>';
			return;
		}
		$what = 'assign' === $action['action']
			/* translators: %d: order number */
			? sprintf( __( 'confirm for order #%d', 'smsmatch-dropbox' ), $action['order_id'] )
			: __( 'dismiss', 'smsmatch-dropbox' );
		$labels = array(
			'queued' => __( 'Queued', 'smsmatch-dropbox' ),
			'done'   => __( 'Done', 'smsmatch-dropbox' ),
			'failed' => __( 'Failed', 'smsmatch-dropbox' ),
		);
		$label  = isset( $labels[ $action['status'] ] ) ? $labels[ $action['status'] ] : $action['status'];
		$detail = 'queued' === $action['status'] ? __( 'smsmatch carries it out on its next pass (within seconds while the daemon runs).', 'smsmatch-dropbox' ) : $action['detail'];
		printf(
			'<p class="smsmatch-status smsmatch-status-%1$s" role="status" aria-live="polite" data-action-id="%2$d" data-status="%1$s"><strong>%3$s</strong> (#%2$d, %4$s, %5$s): <span class="smsmatch-detail">%6$s</span></p>',
			esc_attr( $action['status'] ),
			(int) $action['id'],
			esc_html( $label ),
			esc_html( $what ),
			esc_html( $action['requested_by'] ),
			esc_html( $detail )
		);
	}

	/**
	 * Candidate orders with links and what the matcher said about each.
	 *
	 * @param array $p Payment.
	 */
	public static function candidates( array $p ) {
		$list = isset( $p['candidates'] ) && is_array( $p['candidates'] ) ? $p['candidates'] : array();
		if ( ! $list ) {
			echo '<p>' . esc_html__( 'No order fits: search for it below.', 'smsmatch-dropbox' ) . '</p>';
			return;
		}
		echo '<ul class="smsmatch-candidates">';
		foreach ( $list as $c ) {
			$order = function_exists( 'wc_get_order' ) ? wc_get_order( (int) $c['order_id'] ) : false;
			echo '<li>';
			if ( $order ) {
				$o = Smsmatch_Dropbox_Order_Search::shape( $order );
				printf( '<a href="%s">#%s</a> %s, %s, %s', esc_url( $o['edit_url'] ), esc_html( $o['number'] ), esc_html( $o['name'] ), esc_html( $o['total'] ), esc_html( wc_get_order_status_name( $o['status'] ) ) );
			} else {
				echo '#' . (int) $c['order_id'];
			}
			if ( ! empty( $c['description'] ) ) {
				echo '<br><small>' . esc_html( $c['description'] ) . '</small>';
			}
			echo '</li>';
		}
		echo '</ul>';
	}

	/**
	 * "Confirm for order #…" (one button per candidate, plus any open order by search) and "Dismiss" with a reason.
	 *
	 * @param array $p Payment.
	 */
	public static function forms( array $p ) {
		$id   = 'smsmatch-' . sanitize_html_class( strtolower( $p['code'] ) );
		$post = esc_url( admin_url( 'admin-post.php' ) );
		$keep = function () use ( $p ) {
			wp_nonce_field( self::FORM_ACTION );
			echo '<input type="hidden" name="action" value="' . esc_attr( self::FORM_ACTION ) . '"><input type="hidden" name="code" value="' . esc_attr( $p['code'] ) . '">';
		};
		echo '<form method="post" action="' . $post . '" class="smsmatch-assign">'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped above
		$keep();
		echo '<input type="hidden" name="op" value="assign">';
		foreach ( isset( $p['candidates'] ) && is_array( $p['candidates'] ) ? $p['candidates'] : array() as $c ) {
			/* translators: %d: order number */
			printf( '<button type="submit" class="button button-primary" name="order" value="%1$d">%2$s</button> ', (int) $c['order_id'], esc_html( sprintf( __( 'Confirm for order #%d', 'smsmatch-dropbox' ), (int) $c['order_id'] ) ) );
		}
		echo '</form>';
		echo '<form method="post" action="' . $post . '" class="smsmatch-assign-other">'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped above
		$keep();
		echo '<input type="hidden" name="op" value="assign">';
		printf( '<label for="%1$s-order">%2$s</label> ', esc_attr( $id ), esc_html__( 'Confirm for order #', 'smsmatch-dropbox' ) );
		printf( '<input type="text" id="%1$s-order" name="order" list="%1$s-orders" class="smsmatch-order-search" required autocomplete="off" size="14" placeholder="%2$s" aria-describedby="%1$s-order-help"><datalist id="%1$s-orders"></datalist> ', esc_attr( $id ), esc_attr__( 'number, name or phone', 'smsmatch-dropbox' ) );
		printf( '<button type="submit" class="button">%s</button>', esc_html__( 'Confirm', 'smsmatch-dropbox' ) );
		printf( '<br><small id="%1$s-order-help">%2$s</small>', esc_attr( $id ), esc_html__( 'Any open order: type its number, or a name or phone to search.', 'smsmatch-dropbox' ) );
		echo '</form>';
		echo '<form method="post" action="' . $post . '" class="smsmatch-dismiss">'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped above
		$keep();
		echo '<input type="hidden" name="op" value="dismiss">';
		printf( '<label for="%1$s-reason">%2$s</label> ', esc_attr( $id ), esc_html__( 'Reason', 'smsmatch-dropbox' ) );
		printf( '<input type="text" id="%1$s-reason" name="reason" required maxlength="500" size="24" placeholder="%2$s"> ', esc_attr( $id ), esc_attr__( 'e.g. refunded by phone', 'smsmatch-dropbox' ) );
		printf( '<button type="submit" class="button">%s</button>', esc_html__( 'Dismiss', 'smsmatch-dropbox' ) );
		echo '</form>';
	}
}

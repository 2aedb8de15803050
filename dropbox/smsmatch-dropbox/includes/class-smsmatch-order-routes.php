<?php
/**
 * Public routes for the customer's order page, authorised by the order key (not the session: WooCommerce hides
 * block order-confirmation content from guests after ten minutes).
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * GET /smsmatch/v1/order-status and POST /smsmatch/v1/order-code.
 */
class Smsmatch_Order_Routes {

	/**
	 * Default limits. Per address they are generous because a shop behind a proxy sees every customer at one
	 * address (the page polls every 3–30 s); guessing is hopeless anyway (order keys are random, and a code counts
	 * only when a real payment SMS carries it), so the per-order limit is the one that matters.
	 * Tunable with the option `smsmatch_order_route_limits` or the filter of the same name.
	 */
	const DEFAULT_LIMITS = array(
		'status_per_minute' => 300,
		'codes_per_ip'      => 60,
		'codes_per_order'   => 5,
	);

	/**
	 * The limits in force.
	 *
	 * @return array{status_per_minute: int, codes_per_ip: int, codes_per_order: int}
	 */
	public static function limits() {
		$stored = get_option( 'smsmatch_order_route_limits', array() );
		$limits = array_merge( self::DEFAULT_LIMITS, is_array( $stored ) ? array_intersect_key( $stored, self::DEFAULT_LIMITS ) : array() );
		$limits = apply_filters( 'smsmatch_order_route_limits', $limits );
		return array_map( 'absint', $limits );
	}

	/**
	 * Registers both routes.
	 */
	public static function register_routes() {
		register_rest_route(
			'smsmatch/v1',
			'/order-status',
			array(
				'methods'             => 'GET',
				'callback'            => array( __CLASS__, 'get_status' ),
				'permission_callback' => '__return_true',
			)
		);
		register_rest_route(
			'smsmatch/v1',
			'/order-code',
			array(
				'methods'             => 'POST',
				'callback'            => array( __CLASS__, 'post_code' ),
				'permission_callback' => '__return_true',
			)
		);
	}

	/**
	 * GET ?order=ID&key=ORDER_KEY → {"paid": bool, "status": "on-hold"}.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function get_status( $request ) {
		$wait = Smsmatch_Rate_Limit::hit( 'status-ip:' . Smsmatch_Rate_Limit::client_ip(), self::limits()['status_per_minute'], MINUTE_IN_SECONDS );
		if ( $wait > 0 ) {
			return self::too_many( $wait );
		}
		$order = self::order_for( $request->get_param( 'order' ), $request->get_param( 'key' ) );
		if ( null === $order ) {
			return self::not_found();
		}
		return self::no_store( new WP_REST_Response( self::status_body( $order ), 200 ) );
	}

	/**
	 * POST {"order","key","code"}: keeps the code on the order, notes it and wakes the daemon.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function post_code( $request ) {
		$wait = Smsmatch_Rate_Limit::hit( 'code-ip:' . Smsmatch_Rate_Limit::client_ip(), self::limits()['codes_per_ip'], 15 * MINUTE_IN_SECONDS );
		if ( $wait > 0 ) {
			return self::too_many( $wait );
		}
		$body  = json_decode( (string) $request->get_body(), true );
		$body  = is_array( $body ) ? $body : $request->get_body_params();
		$order = self::order_for( $body['order'] ?? null, $body['key'] ?? null );
		if ( null === $order ) {
			return self::not_found();
		}
		if ( Smsmatch_Gateway::ID !== $order->get_payment_method() ) {
			return new WP_Error( 'smsmatch_not_mobile_money', 'This order is not paid with mobile money, so it takes no payment code.', array( 'status' => 409 ) );
		}
		$wait = Smsmatch_Rate_Limit::hit( 'code-order:' . $order->get_id(), self::limits()['codes_per_order'], 15 * MINUTE_IN_SECONDS );
		if ( $wait > 0 ) {
			return self::too_many( $wait );
		}
		if ( $order->is_paid() ) {
			return self::no_store( new WP_REST_Response( array_merge( self::status_body( $order ), array( 'accepted' => false, 'message' => 'This order is already paid: no code is needed.' ) ), 200 ) );
		}
		$network = Smsmatch_Checkout::setting( 'network' );
		$raw     = isset( $body['code'] ) && is_scalar( $body['code'] ) ? (string) $body['code'] : '';
		$code    = Smsmatch_Networks::normalise_code( $raw, $network );
		if ( null === $code ) {
			$message = '' === trim( $raw ) ? 'Enter the transaction code from your confirmation SMS.' : Smsmatch_Networks::code_error( $network );
			return new WP_Error( 'smsmatch_invalid_code', $message, array( 'status' => 400 ) );
		}
		if ( Smsmatch_Order_Meta::set_code( $order, $code ) ) {
			do_action( 'smsmatch_wake_daemon', 'code' );
		}
		return self::no_store(
			new WP_REST_Response(
				array_merge(
					self::status_body( $order ),
					array(
						'accepted' => true,
						'code'     => $code,
						'message'  => sprintf( 'Thank you: we are checking %s against the payments the shop received.', $code ),
					)
				),
				200
			)
		);
	}

	/**
	 * The order when the id exists and the key is its key; null otherwise (the caller cannot tell which).
	 *
	 * @param mixed $id  Order id.
	 * @param mixed $key Order key.
	 * @return WC_Order|null
	 */
	private static function order_for( $id, $key ) {
		if ( ! is_scalar( $id ) || ! preg_match( '/^\d{1,18}$/', (string) $id ) || ! is_string( $key ) || '' === $key || strlen( $key ) > 64 ) {
			return null;
		}
		$order = wc_get_order( (int) $id );
		if ( ! $order instanceof WC_Order || $order instanceof WC_Order_Refund ) {
			return null;
		}
		return hash_equals( (string) $order->get_order_key(), $key ) ? $order : null;
	}

	/**
	 * What the page needs: paid or not, the status slug, whether a code was entered.
	 *
	 * @param WC_Order $order Order.
	 * @return array<string, mixed>
	 */
	public static function status_body( $order ) {
		return array(
			'paid'          => $order->is_paid(),
			'status'        => $order->get_status(),
			'code_received' => '' !== (string) $order->get_meta( Smsmatch_Order_Meta::CODE ),
		);
	}

	/**
	 * 404 that says nothing of any order.
	 *
	 * @return WP_Error
	 */
	private static function not_found() {
		return new WP_Error( 'smsmatch_not_found', 'No order matches that order number and key.', array( 'status' => 404 ) );
	}

	/**
	 * 429 with Retry-After.
	 *
	 * @param int $seconds Seconds to wait.
	 * @return WP_REST_Response
	 */
	private static function too_many( $seconds ) {
		$minutes  = (int) ceil( $seconds / 60 );
		$response = new WP_REST_Response(
			array(
				'code'    => 'smsmatch_rate_limited',
				'message' => sprintf( 'Too many tries: wait %d minute%s and try again.', $minutes, 1 === $minutes ? '' : 's' ),
				'data'    => array( 'status' => 429 ),
			),
			429
		);
		$response->header( 'Retry-After', (string) $seconds );
		return self::no_store( $response );
	}

	/**
	 * Order state must never be cached by a proxy or the browser.
	 *
	 * @param WP_REST_Response $response Response.
	 * @return WP_REST_Response
	 */
	private static function no_store( $response ) {
		$response->header( 'Cache-Control', 'no-store, private' );
		return $response;
	}
}

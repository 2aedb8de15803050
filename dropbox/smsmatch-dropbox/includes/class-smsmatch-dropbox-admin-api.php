<?php
/**
 * Admin REST under smsmatch/v1/admin: payments, actions, open orders (docs/dropbox-api.md §3).
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Authenticated by WordPress itself (cookie + wp_rest nonce, or Application Passwords) and gated on
 * manage_woocommerce: anonymous callers get 401, users without the capability 403.
 */
class Smsmatch_Dropbox_Admin_Api {

	/**
	 * Registers the routes.
	 */
	public static function register_routes() {
		$routes = array(
			'/admin/payments'               => array( 'GET', 'payments' ),
			'/admin/actions'                => array( 'POST', 'queue' ),
			'/admin/actions/(?P<id>\d+)'    => array( 'GET', 'action' ),
			'/admin/orders'                 => array( 'GET', 'orders' ),
		);
		foreach ( $routes as $route => $spec ) {
			register_rest_route(
				'smsmatch/v1',
				$route,
				array(
					'methods'             => $spec[0],
					'callback'            => array( __CLASS__, $spec[1] ),
					'permission_callback' => array( __CLASS__, 'can_manage' ),
				)
			);
		}
	}

	/**
	 * The capability check; WordPress turns false into 401 for anonymous callers and 403 for the logged in.
	 *
	 * @return bool
	 */
	public static function can_manage() {
		return current_user_can( 'manage_woocommerce' );
	}

	/**
	 * GET /admin/payments?state=review|all&search=…
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function payments( $request ) {
		$state = $request->get_param( 'state' );
		$state = null === $state || '' === $state ? 'review' : $state;
		if ( ! in_array( $state, array( 'review', 'all' ), true ) ) {
			return new WP_Error( 'rest_invalid_param', 'Invalid parameter(s): state', array( 'status' => 400, 'params' => array( 'state' => 'state is not one of review, all.' ) ) );
		}
		$search   = (string) $request->get_param( 'search' );
		$payments = Smsmatch_Dropbox_Published::query( $state, $search, 200 );
		$actions  = Smsmatch_Dropbox_Actions::latest_for( wp_list_pluck( $payments, 'code' ) );
		foreach ( $payments as &$p ) {
			$p['action'] = isset( $actions[ strtoupper( $p['code'] ) ] ) ? $actions[ strtoupper( $p['code'] ) ] : null;
		}
		unset( $p );
		$meta = Smsmatch_Dropbox_Published::meta();
		return new WP_REST_Response(
			array(
				'published_at' => $meta ? $meta['published_at'] : null,
				'received_at'  => $meta ? $meta['received_at'] : null,
				'review_count' => $meta ? $meta['review_count'] : 0,
				'dropped'      => $meta ? $meta['dropped'] : 0,
				'total'        => count( $payments ),
				'payments'     => $payments,
			),
			200
		);
	}

	/**
	 * POST /admin/actions
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function queue( $request ) {
		$params = $request->get_json_params();
		$params = is_array( $params ) ? $params : $request->get_body_params();
		$result = Smsmatch_Dropbox_Action_Request::queue( is_array( $params ) ? $params : array(), wp_get_current_user() );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return new WP_REST_Response( $result, $result['duplicate'] ? 200 : 202 );
	}

	/**
	 * GET /admin/actions/{id}
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function action( $request ) {
		$row = Smsmatch_Dropbox_Actions::get( (int) $request['id'] );
		if ( null === $row ) {
			return new WP_Error( 'smsmatch_no_action', 'There is no admin action ' . (int) $request['id'] . '.', array( 'status' => 404 ) );
		}
		return new WP_REST_Response( $row, 200 );
	}

	/**
	 * GET /admin/orders?search=: open orders for the Confirm form (number, name, phone digits).
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response
	 */
	public static function orders( $request ) {
		return new WP_REST_Response( array( 'orders' => Smsmatch_Dropbox_Order_Search::search( (string) $request->get_param( 'search' ) ) ), 200 );
	}
}

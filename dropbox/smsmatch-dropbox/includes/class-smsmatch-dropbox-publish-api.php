<?php
/**
 * The daemon's side of the wp-admin page: POST /publish, GET /actions, POST /actions/{id} (docs/dropbox-api.md §3).
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Token-guarded like the rest of the daemon API.
 */
class Smsmatch_Dropbox_Publish_Api {

	/**
	 * Registers the three routes.
	 */
	public static function register_routes() {
		$token = array( 'Smsmatch_Dropbox_Daemon_Api', 'check_token' );
		register_rest_route(
			'smsmatch/v1',
			'/publish',
			array(
				'methods'             => 'POST',
				'callback'            => array( __CLASS__, 'publish' ),
				'permission_callback' => $token,
			)
		);
		register_rest_route(
			'smsmatch/v1',
			'/actions',
			array(
				'methods'             => 'GET',
				'callback'            => array( __CLASS__, 'list_actions' ),
				'permission_callback' => $token,
			)
		);
		register_rest_route(
			'smsmatch/v1',
			'/actions/(?P<id>\d+)',
			array(
				'methods'             => 'POST',
				'callback'            => array( __CLASS__, 'report' ),
				'permission_callback' => $token,
			)
		);
	}

	/**
	 * POST /publish: replaces the stored copy.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function publish( $request ) {
		$body  = (string) $request->get_body();
		$bytes = strlen( $body );
		if ( $bytes > Smsmatch_Dropbox_Published::MAX_BODY ) {
			return new WP_Error( 'smsmatch_too_large', "The snapshot is {$bytes} bytes; the drop-box takes at most " . Smsmatch_Dropbox_Published::MAX_BODY . '.', array( 'status' => 413 ) );
		}
		$snapshot = json_decode( $body, true );
		if ( ! is_array( $snapshot ) || array_values( $snapshot ) === $snapshot ) {
			return self::invalid( 'The body must be a JSON object.' );
		}
		if ( ! isset( $snapshot['version'] ) || 1 !== $snapshot['version'] ) {
			return self::invalid( 'version must be 1; update smsmatch or the plugin so both speak the same version.' );
		}
		if ( ! isset( $snapshot['payments'] ) || ! is_array( $snapshot['payments'] ) ) {
			return self::invalid( 'payments must be an array.' );
		}
		foreach ( $snapshot['payments'] as $i => $p ) {
			if ( ! is_array( $p ) || ! isset( $p['key'], $p['code'] ) || ! is_string( $p['key'] ) || ! is_string( $p['code'] ) ) {
				return self::invalid( "payments[{$i}] must be an object with string key and code." );
			}
		}
		if ( ! isset( $snapshot['health'] ) || ! is_array( $snapshot['health'] ) ) {
			return self::invalid( 'health must be an object.' );
		}
		$stored = Smsmatch_Dropbox_Published::replace( $snapshot, $bytes );
		if ( null === $stored ) {
			return new WP_Error( 'smsmatch_db_error', 'Could not store the payments.', array( 'status' => 500 ) );
		}
		return new WP_REST_Response(
			array(
				'stored' => $stored,
				'bytes'  => $bytes,
			),
			200
		);
	}

	/**
	 * GET /actions: queued actions, oldest first.
	 *
	 * @return WP_REST_Response
	 */
	public static function list_actions() {
		$out = array();
		foreach ( Smsmatch_Dropbox_Actions::queued( 50 ) as $a ) {
			$item = array(
				'id'           => $a['id'],
				'action'       => $a['action'],
				'code'         => $a['code'],
				'requested_by' => $a['requested_by'],
				'requested_at' => $a['requested_at'],
			);
			if ( 'assign' === $a['action'] ) {
				$item['order_id'] = $a['order_id'];
			} else {
				$item['reason'] = $a['reason'];
			}
			$out[] = $item;
		}
		return new WP_REST_Response( array( 'actions' => $out ), 200 );
	}

	/**
	 * POST /actions/{id} {"status","detail"}: the first report wins.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function report( $request ) {
		$id   = (int) $request['id'];
		$body = json_decode( (string) $request->get_body(), true );
		$body = is_array( $body ) ? $body : array();
		if ( ! isset( $body['status'] ) || ! in_array( $body['status'], array( 'done', 'failed' ), true ) ) {
			return self::invalid( 'status must be done or failed.' );
		}
		if ( ! isset( $body['detail'] ) || ! is_string( $body['detail'] ) ) {
			return self::invalid( 'detail must be a string.' );
		}
		$result = Smsmatch_Dropbox_Actions::report( $id, $body['status'], substr( $body['detail'], 0, 2000 ) );
		if ( null === $result ) {
			return new WP_Error( 'smsmatch_no_action', "There is no admin action {$id}.", array( 'status' => 404 ) );
		}
		return new WP_REST_Response(
			array(
				'id'      => $id,
				'status'  => $result['status'],
				'changed' => $result['changed'],
			),
			200
		);
	}

	/**
	 * 400 smsmatch_invalid_param.
	 *
	 * @param string $message What is wrong.
	 * @return WP_Error
	 */
	private static function invalid( $message ) {
		return new WP_Error( 'smsmatch_invalid_param', $message, array( 'status' => 400 ) );
	}
}

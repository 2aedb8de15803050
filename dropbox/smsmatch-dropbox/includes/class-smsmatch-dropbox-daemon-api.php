<?php
/**
 * The daemon API under smsmatch/v1: messages, outbox, health, notify.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * REST routes for the smsmatch daemon, guarded by the plugin's own token (independent of WooCommerce keys).
 */
class Smsmatch_Dropbox_Daemon_Api {

	const UUID_PATTERN = '/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i';

	/**
	 * Registers the four routes.
	 */
	public static function register_routes() {
		$routes = array(
			'/messages' => array( 'GET', 'get_messages' ),
			'/outbox'   => array( 'POST', 'post_outbox' ),
			'/health'   => array( 'GET', 'get_health' ),
			'/notify'   => array( 'POST', 'post_notify' ),
		);
		foreach ( $routes as $route => $spec ) {
			register_rest_route(
				'smsmatch/v1',
				$route,
				array(
					'methods'             => $spec[0],
					'callback'            => array( __CLASS__, $spec[1] ),
					'permission_callback' => array( __CLASS__, 'check_token' ),
				)
			);
		}
	}

	/**
	 * Authorization: Bearer <token>, or X-Smsmatch-Token for hosts that strip Authorization.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public static function check_token( $request ) {
		$expected = Smsmatch_Dropbox_Settings::token();
		$given    = '';
		$auth     = (string) $request->get_header( 'authorization' );
		if ( preg_match( '/^\s*Bearer\s+(\S+)\s*$/i', $auth, $m ) ) {
			$given = $m[1];
		}
		if ( '' === $given ) {
			$given = trim( (string) $request->get_header( 'x_smsmatch_token' ) );
		}
		if ( '' !== $expected && '' !== $given && hash_equals( $expected, $given ) ) {
			return true;
		}
		return new WP_Error( 'smsmatch_unauthorized', 'Missing or wrong smsmatch token.', array( 'status' => 401 ) );
	}

	/**
	 * GET /messages?after=&limit=
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function get_messages( $request ) {
		$after = self::int_param( $request->get_param( 'after' ), 0, 0, PHP_INT_MAX );
		$limit = self::int_param( $request->get_param( 'limit' ), 100, 1, 500 );
		if ( null === $after ) {
			return self::invalid( 'after must be a whole number of 0 or more.' );
		}
		if ( null === $limit ) {
			return self::invalid( 'limit must be a whole number from 1 to 500.' );
		}
		Smsmatch_Dropbox_Settings::touch( 'last_poll_at' );
		$page     = Smsmatch_Dropbox_Store::list_messages( $after, $limit );
		$messages = $page['messages'];
		$last     = end( $messages );
		return new WP_REST_Response(
			array(
				'messages'        => $messages,
				'next_after'      => $last ? $last['id'] : $after,
				'has_more'        => $page['has_more'],
				// The daemon asks GET /actions only when this is above zero: an idle pass costs no extra request.
				'pending_actions' => Smsmatch_Dropbox_Actions::pending_count(),
				// The daemon compares it with the signal file to spot a stale copy (a cache, a failed write).
				'signal_nonce'    => Smsmatch_Dropbox_Signal::nonce(),
				// When a customer last typed a payment code on an order page (see Smsmatch_Order_Meta::set_code).
				'last_code_at'    => get_option( 'smsmatch_last_code_at', null ) ?: null,
			),
			200
		);
	}

	/**
	 * POST /outbox {"to","message","uuid"}
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function post_outbox( $request ) {
		$body = json_decode( (string) $request->get_body(), true );
		$body = is_array( $body ) ? $body : array();
		foreach ( array( 'to', 'message', 'uuid' ) as $key ) {
			if ( ! isset( $body[ $key ] ) || ! is_string( $body[ $key ] ) || '' === trim( $body[ $key ] ) ) {
				return self::invalid( "{$key} is required and must be a non-empty string." );
			}
		}
		if ( ! preg_match( self::UUID_PATTERN, $body['uuid'] ) ) {
			return self::invalid( 'uuid must be a UUID such as 1c9bba69-b705-4aa8-b310-aeec4a3dbcca.' );
		}
		if ( strlen( $body['to'] ) > 64 ) {
			return self::invalid( 'to must be a phone number of at most 64 characters.' );
		}
		$queued = Smsmatch_Dropbox_Store::queue_outbox( $body['uuid'], $body['to'], $body['message'] );
		if ( null === $queued ) {
			return new WP_Error( 'smsmatch_db_error', 'Could not store the outbox message.', array( 'status' => 500 ) );
		}
		return new WP_REST_Response(
			array(
				'uuid'    => $body['uuid'],
				'status'  => $queued['status'],
				'created' => $queued['created'],
			),
			$queued['created'] ? 201 : 200
		);
	}

	/**
	 * GET /health
	 *
	 * @return WP_REST_Response
	 */
	public static function get_health() {
		$stats = Smsmatch_Dropbox_Store::stats();
		return new WP_REST_Response(
			array(
				'plugin_version' => SMSMATCH_DROPBOX_VERSION,
				'now'            => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'last_sms_at'    => Smsmatch_Dropbox_Settings::last( 'last_sms_at' ),
				'last_poll_at'   => Smsmatch_Dropbox_Settings::last( 'last_poll_at' ),
				'outbox_size'    => $stats['outbox_size'],
				'stored'         => $stats['stored'],
				'dropped'        => Smsmatch_Dropbox_Settings::dropped(),
				'last_id'        => $stats['last_id'],
				'signal'         => Smsmatch_Dropbox_Signal::describe(),
			),
			200
		);
	}

	/**
	 * POST /notify {"subject","message"}: mail through the site's own wp_mail.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function post_notify( $request ) {
		$body = json_decode( (string) $request->get_body(), true );
		$body = is_array( $body ) ? $body : array();
		foreach ( array( 'subject', 'message' ) as $key ) {
			if ( ! isset( $body[ $key ] ) || ! is_string( $body[ $key ] ) || '' === trim( $body[ $key ] ) ) {
				return self::invalid( "{$key} is required and must be a non-empty string." );
			}
		}
		$subject = sanitize_text_field( $body['subject'] );
		if ( ! wp_mail( Smsmatch_Dropbox_Settings::alert_email(), $subject, $body['message'] ) ) {
			return new WP_Error( 'smsmatch_mail_failed', 'wp_mail could not send the alert; check the site\'s mail setup.', array( 'status' => 502 ) );
		}
		return new WP_REST_Response( array( 'sent' => true ), 200 );
	}

	/**
	 * A whole-number parameter within bounds; the default when absent, null when invalid.
	 *
	 * @param mixed $value   Raw parameter.
	 * @param int   $default Default.
	 * @param int   $min     Minimum.
	 * @param int   $max     Maximum.
	 * @return int|null
	 */
	private static function int_param( $value, $default, $min, $max ) {
		if ( null === $value || '' === $value ) {
			return $default;
		}
		if ( ! is_scalar( $value ) || ! preg_match( '/^\d{1,18}$/', (string) $value ) ) {
			return null;
		}
		$int = (int) $value;
		return ( $int < $min || $int > $max ) ? null : $int;
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

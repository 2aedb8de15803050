<?php
/**
 * The SMSsync endpoint: incoming SMS (POST/PUT) and the task flow (send / sent / result).
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Answers the phone. Same logic behind the REST route and the plain "?smsmatch_smssync=1" URL.
 */
class Smsmatch_Dropbox_Smssync {

	const ROUTE        = '/smsmatch/v1/smssync';
	const TEST_MESSAGE = 'Test Message From SMSSync Integration';
	const TASK_BATCH   = 20;

	/**
	 * Registers smsmatch/v1/smssync. The secret is checked in the handler because the phone cannot send our token.
	 */
	public static function register_routes() {
		register_rest_route(
			'smsmatch/v1',
			'/smssync',
			array(
				'methods'             => array( 'GET', 'POST', 'PUT' ),
				'callback'            => array( __CLASS__, 'rest_callback' ),
				'permission_callback' => '__return_true',
			)
		);
	}

	/**
	 * The XML format arrives labelled application/json (an app bug); stop WordPress rejecting it as bad JSON.
	 *
	 * @param mixed           $response Response so far.
	 * @param array           $handler  Matched handler.
	 * @param WP_REST_Request $request  Request.
	 * @return mixed
	 */
	public static function allow_non_json_body( $response, $handler, $request ) {
		if ( is_wp_error( $response ) && 'rest_invalid_json' === $response->get_error_code() && self::ROUTE === $request->get_route() ) {
			return null;
		}
		return $response;
	}

	/**
	 * REST entry point.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response
	 */
	public static function rest_callback( $request ) {
		list( $status, $payload ) = self::handle( $request->get_method(), self::raw_query(), (string) $request->get_body() );
		$response = new WP_REST_Response( $payload, $status );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * Plain-permalink entry point: "/?smsmatch_smssync=1", possibly followed by a literal "?task=…".
	 */
	public static function maybe_handle_plain_request() {
		$query = Smsmatch_Dropbox_Body_Parser::parse_query( self::raw_query() );
		if ( ! isset( $query['smsmatch_smssync'] ) ) {
			return;
		}
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( sanitize_key( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) ) : 'GET';
		$body   = (string) file_get_contents( 'php://input' );
		list( $status, $payload ) = self::handle( $method, self::raw_query(), $body );
		status_header( $status );
		nocache_headers();
		header( 'Content-Type: application/json; charset=utf-8' );
		echo wp_json_encode( $payload );
		exit;
	}

	/**
	 * The raw, still percent-encoded query string (PHP's $_GET would glue "1?task=send" together).
	 *
	 * @return string
	 */
	private static function raw_query() {
		// phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- parsed by hand, never echoed.
		return isset( $_SERVER['QUERY_STRING'] ) ? (string) wp_unslash( $_SERVER['QUERY_STRING'] ) : '';
	}

	/**
	 * Routes one request.
	 *
	 * @param string $method    HTTP method.
	 * @param string $raw_query Raw query string.
	 * @param string $raw_body  Raw body.
	 * @return array{0: int, 1: array} HTTP status and payload.
	 */
	public static function handle( $method, $raw_query, $raw_body ) {
		$query  = Smsmatch_Dropbox_Body_Parser::parse_query( $raw_query );
		$fields = Smsmatch_Dropbox_Body_Parser::parse_body( $raw_body );
		if ( array() === $fields && '' === trim( $raw_body ) && ! empty( $_POST ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Missing
			$fields = self::multipart_fields();
		}
		$task = isset( $query['task'] ) ? $query['task'] : '';

		// task=sent carries no secret: it is trusted only to confirm uuids we handed out ourselves.
		if ( 'sent' === $task ) {
			return array( 200, array( 'message_uuids' => self::task_sent( $raw_body ) ) );
		}
		$secret = isset( $fields['secret'] ) ? $fields['secret'] : ( isset( $query['secret'] ) ? $query['secret'] : '' );
		if ( ! self::secret_matches( $secret ) ) {
			return array( 403, self::failure( 'Incorrect or missing secret key' ) );
		}
		if ( 'send' === $task ) {
			return array( 200, self::task_send( $secret ) );
		}
		if ( 'result' === $task ) {
			return 'GET' === $method ? array( 200, array( 'message_uuids' => Smsmatch_Dropbox_Store::awaiting_results() ) ) : self::task_result( $raw_body );
		}
		if ( 'POST' !== $method && 'PUT' !== $method ) {
			return array( 200, self::success() );
		}
		return self::incoming( $fields );
	}

	/**
	 * An incoming SMS (or the test button, or a stray alert).
	 *
	 * @param array<string, string> $fields Body fields.
	 * @return array{0: int, 1: array}
	 */
	private static function incoming( array $fields ) {
		if ( ! isset( $fields['from'], $fields['message'] ) || ! isset( $fields['message_id'] ) || '' === $fields['message_id'] ) {
			// Test integration button, low-battery alerts and junk: acknowledged, never stored.
			return array( 200, self::success() );
		}
		if ( strlen( $fields['message_id'] ) > 191 ) {
			return array( 200, self::success() );
		}
		Smsmatch_Dropbox_Settings::touch( 'last_sms_at' );
		if ( ! Smsmatch_Dropbox_Settings::is_allowed_sender( $fields['from'] ) ) {
			Smsmatch_Dropbox_Settings::count_dropped();
			return array( 200, self::success() );
		}
		foreach ( $fields as $key => $value ) {
			$fields[ $key ] = wp_check_invalid_utf8( $value, true );
		}
		$inserted = Smsmatch_Dropbox_Store::insert_message( $fields );
		if ( null === $inserted ) {
			// Transient database trouble: the phone keeps the SMS and retries.
			return array( 500, self::failure( 'Could not store the message, please retry' ) );
		}
		if ( true === $inserted ) {
			// A new payment SMS: wake the daemon now (a repeat of a stored one changes nothing).
			do_action( 'smsmatch_wake_daemon', 'sms' );
		}
		return array( 200, self::success() );
	}

	/**
	 * GET ?task=send: up to 20 queued SMS, marked as handed out.
	 *
	 * @param string $secret The secret the phone sent (echoed so the phone trusts the task).
	 * @return array
	 */
	private static function task_send( $secret ) {
		return array(
			'payload' => array(
				'task'     => 'send',
				'secret'   => $secret,
				'messages' => Smsmatch_Dropbox_Store::hand_out( self::TASK_BATCH ),
			),
		);
	}

	/**
	 * POST ?task=sent {"queued_messages":[…]}: echo the uuids we issued and still hold.
	 *
	 * @param string $raw_body Raw body.
	 * @return string[]
	 */
	private static function task_sent( $raw_body ) {
		$data  = Smsmatch_Dropbox_Body_Parser::decode_json( $raw_body );
		$uuids = isset( $data['queued_messages'] ) ? self::string_list( $data['queued_messages'] ) : array();
		return Smsmatch_Dropbox_Store::confirm_queued( $uuids );
	}

	/**
	 * POST ?task=result {"message_result": [...] or "<json string>"}.
	 *
	 * @param string $raw_body Raw body.
	 * @return array{0: int, 1: array}
	 */
	private static function task_result( $raw_body ) {
		$data    = Smsmatch_Dropbox_Body_Parser::decode_json( $raw_body );
		$results = isset( $data['message_result'] ) ? $data['message_result'] : array();
		if ( is_string( $results ) ) {
			$results = json_decode( $results, true );
		}
		foreach ( is_array( $results ) ? $results : array() as $result ) {
			if ( is_array( $result ) && isset( $result['uuid'] ) && is_string( $result['uuid'] ) ) {
				Smsmatch_Dropbox_Store::record_result( $result );
			}
		}
		return array( 200, self::success() );
	}

	/**
	 * Accepts a list of strings, or a JSON string holding one.
	 *
	 * @param mixed $value Decoded value.
	 * @return string[]
	 */
	private static function string_list( $value ) {
		if ( is_string( $value ) ) {
			$value = json_decode( $value, true );
		}
		return is_array( $value ) ? array_values( array_filter( $value, 'is_string' ) ) : array();
	}

	/**
	 * Multipart bodies (curl -F tests) are consumed by PHP into $_POST.
	 *
	 * @return array<string, string>
	 */
	private static function multipart_fields() {
		$fields = array();
		foreach ( wp_unslash( $_POST ) as $key => $value ) { // phpcs:ignore WordPress.Security.NonceVerification.Missing,WordPress.Security.ValidatedSanitizedInput.InputNotSanitized
			if ( is_scalar( $value ) ) {
				$fields[ (string) $key ] = (string) $value;
			}
		}
		return $fields;
	}

	/**
	 * Constant-time comparison; an unset secret never matches.
	 *
	 * @param string $given Secret from the request.
	 * @return bool
	 */
	private static function secret_matches( $given ) {
		$expected = Smsmatch_Dropbox_Settings::secret();
		return '' !== $expected && '' !== $given && hash_equals( $expected, (string) $given );
	}

	/**
	 * The success payload.
	 *
	 * @return array
	 */
	private static function success() {
		return array(
			'payload' => array(
				'success' => true,
				'error'   => null,
			),
		);
	}

	/**
	 * A failure payload.
	 *
	 * @param string $error Message shown in the app's log.
	 * @return array
	 */
	private static function failure( $error ) {
		return array(
			'payload' => array(
				'success' => false,
				'error'   => $error,
			),
		);
	}
}

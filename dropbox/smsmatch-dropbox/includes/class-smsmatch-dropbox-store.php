<?php
/**
 * The two tables: stored SMS and the outbox of SMS for the phone to send.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * All SQL lives here, always through $wpdb->prepare.
 */
class Smsmatch_Dropbox_Store {

	const MESSAGE_TEXT_FIELDS = array( 'from', 'message', 'sent_timestamp', 'sent_to', 'device_id' );

	/**
	 * Longest SMS text stored, in bytes. A concatenated SMS is at most a few KB in practice (phones and operators
	 * join about 10 parts of 153 characters; mobile-money notices fit in three): 4 KB holds 26 parts. A longer
	 * text is junk or an attack; its first 4 KB are stored with the original size and SHA-256, never the whole.
	 */
	const MAX_MESSAGE_BYTES = 4096;

	/**
	 * Messages table name.
	 *
	 * @return string
	 */
	public static function messages_table() {
		global $wpdb;
		return $wpdb->prefix . 'smsmatch_messages';
	}

	/**
	 * Outbox table name.
	 *
	 * @return string
	 */
	public static function outbox_table() {
		global $wpdb;
		return $wpdb->prefix . 'smsmatch_outbox';
	}

	/**
	 * Creates or upgrades both tables (dbDelta wants this exact formatting).
	 */
	public static function install() {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$collate  = $wpdb->get_charset_collate();
		$messages = self::messages_table();
		$outbox   = self::outbox_table();
		dbDelta(
			"CREATE TABLE {$messages} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  message_id varchar(191) NOT NULL,
  sender text NOT NULL,
  message longtext NOT NULL,
  sent_timestamp text NOT NULL,
  sent_to text NOT NULL,
  device_id text NOT NULL,
  received_at datetime NOT NULL,
  original_bytes bigint(20) unsigned NULL DEFAULT NULL,
  original_sha256 char(64) NULL DEFAULT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY message_id (message_id),
  KEY received_at (received_at)
) {$collate};"
		);
		dbDelta(
			"CREATE TABLE {$outbox} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  uuid varchar(64) NOT NULL,
  to_number varchar(191) NOT NULL,
  message longtext NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'queued',
  claim varchar(40) NOT NULL DEFAULT '',
  created_at datetime NOT NULL,
  handed_out_at datetime NULL DEFAULT NULL,
  sent_result_code int(11) NULL DEFAULT NULL,
  delivered_result_code int(11) NULL DEFAULT NULL,
  result longtext NULL,
  result_at datetime NULL DEFAULT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY uuid (uuid),
  KEY status (status),
  KEY claim (claim)
) {$collate};"
		);
	}

	/**
	 * Stores one SMS unless its message_id is already there.
	 *
	 * @param array $fields Raw string fields: message_id, from, message, sent_timestamp, sent_to, device_id.
	 * @return bool|null True if inserted, false if a duplicate, null on a database error.
	 */
	public static function insert_message( array $fields ) {
		global $wpdb;
		$table = self::messages_table();
		$v     = array();
		foreach ( self::MESSAGE_TEXT_FIELDS as $key ) {
			$v[ $key ] = isset( $fields[ $key ] ) ? (string) $fields[ $key ] : '';
		}
		$original_bytes  = null;
		$original_sha256 = null;
		if ( strlen( $v['message'] ) > self::MAX_MESSAGE_BYTES ) {
			$original_bytes  = strlen( $v['message'] );
			$original_sha256 = hash( 'sha256', $v['message'] );
			$v['message']    = self::utf8_prefix( $v['message'], self::MAX_MESSAGE_BYTES );
		}
		// ON DUPLICATE KEY keeps the first copy and, unlike INSERT IGNORE, still reports real errors.
		// prepare() would turn a PHP null into '', so an uncut message writes the NULLs literally.
		$args = array( (string) $fields['message_id'], $v['from'], $v['message'], $v['sent_timestamp'], $v['sent_to'], $v['device_id'], gmdate( 'Y-m-d H:i:s' ) );
		if ( null === $original_bytes ) {
			$sql = "INSERT INTO {$table} (message_id, sender, message, sent_timestamp, sent_to, device_id, received_at, original_bytes, original_sha256) VALUES (%s, %s, %s, %s, %s, %s, %s, NULL, NULL) ON DUPLICATE KEY UPDATE id = id";
		} else {
			$sql    = "INSERT INTO {$table} (message_id, sender, message, sent_timestamp, sent_to, device_id, received_at, original_bytes, original_sha256) VALUES (%s, %s, %s, %s, %s, %s, %s, %d, %s) ON DUPLICATE KEY UPDATE id = id";
			$args[] = $original_bytes;
			$args[] = $original_sha256;
		}
		$result = $wpdb->query( $wpdb->prepare( $sql, $args ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- $sql is one of the two fixed statements above.
		if ( false === $result ) {
			return null;
		}
		return 1 === (int) $result;
	}

	/**
	 * The first $max bytes of a UTF-8 text, never splitting a character (continuation bytes are 10xxxxxx).
	 *
	 * @param string $text Text.
	 * @param int    $max  Bytes.
	 * @return string
	 */
	public static function utf8_prefix( $text, $max ) {
		if ( strlen( $text ) <= $max ) {
			return $text;
		}
		$end = $max;
		while ( $end > 0 && 0x80 === ( ord( $text[ $end ] ) & 0xC0 ) ) {
			--$end;
		}
		return substr( $text, 0, $end );
	}

	/**
	 * One page of messages with id > $after, ascending.
	 *
	 * @param int $after Last id the caller holds.
	 * @param int $limit Page size.
	 * @return array{messages: array, has_more: bool}
	 */
	public static function list_messages( $after, $limit ) {
		global $wpdb;
		$table = self::messages_table();
		$rows  = $wpdb->get_results(
			$wpdb->prepare(
				"SELECT id, message_id, sender, message, sent_timestamp, sent_to, device_id, received_at, original_bytes, original_sha256 FROM {$table} WHERE id > %d ORDER BY id ASC LIMIT %d",
				$after,
				$limit + 1
			),
			ARRAY_A
		);
		$rows     = is_array( $rows ) ? $rows : array();
		$has_more = count( $rows ) > $limit;
		$messages = array();
		foreach ( array_slice( $rows, 0, $limit ) as $row ) {
			$message = array(
				'id'             => (int) $row['id'],
				'message_id'     => $row['message_id'],
				'from'           => $row['sender'],
				'message'        => $row['message'],
				'sent_timestamp' => $row['sent_timestamp'],
				'sent_to'        => $row['sent_to'],
				'device_id'      => $row['device_id'],
				'received_at'    => self::iso( $row['received_at'] ),
			);
			if ( null !== $row['original_bytes'] ) {
				$message['truncated'] = array(
					'original_bytes' => (int) $row['original_bytes'],
					'sha256'         => (string) $row['original_sha256'],
				);
			}
			$messages[] = $message;
		}
		return array(
			'messages' => $messages,
			'has_more' => $has_more,
		);
	}

	/**
	 * Figures for /health and the settings page.
	 *
	 * @return array{stored: int, last_id: int, outbox_size: int}
	 */
	public static function stats() {
		global $wpdb;
		$messages = self::messages_table();
		$outbox   = self::outbox_table();
		$row      = $wpdb->get_row( "SELECT COUNT(*) AS stored, COALESCE(MAX(id), 0) AS last_id FROM {$messages}", ARRAY_A );
		$queued   = $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$outbox} WHERE status = %s", 'queued' ) );
		return array(
			'stored'      => $row ? (int) $row['stored'] : 0,
			'last_id'     => $row ? (int) $row['last_id'] : 0,
			'outbox_size' => (int) $queued,
		);
	}

	/**
	 * Queues an SMS for the phone; an existing uuid is left untouched.
	 *
	 * @param string $uuid    Client-chosen UUID.
	 * @param string $to      Destination number.
	 * @param string $message Text.
	 * @return array{created: bool, status: string}|null Null on a database error.
	 */
	public static function queue_outbox( $uuid, $to, $message ) {
		global $wpdb;
		$table  = self::outbox_table();
		$result = $wpdb->query(
			$wpdb->prepare(
				"INSERT INTO {$table} (uuid, to_number, message, status, created_at) VALUES (%s, %s, %s, %s, %s) ON DUPLICATE KEY UPDATE id = id",
				$uuid,
				$to,
				$message,
				'queued',
				gmdate( 'Y-m-d H:i:s' )
			)
		);
		if ( false === $result ) {
			return null;
		}
		$status = $wpdb->get_var( $wpdb->prepare( "SELECT status FROM {$table} WHERE uuid = %s", $uuid ) );
		return array(
			'created' => 1 === (int) $result,
			'status'  => (string) $status,
		);
	}

	/**
	 * Claims up to $limit queued SMS for the phone and marks them handed out (atomic, so two polls never share one).
	 *
	 * @param int $limit Batch size.
	 * @return array[] Each with to, message, uuid.
	 */
	public static function hand_out( $limit ) {
		global $wpdb;
		$table = self::outbox_table();
		$claim = wp_generate_password( 32, false, false );
		$wpdb->query(
			$wpdb->prepare(
				"UPDATE {$table} SET status = %s, claim = %s, handed_out_at = %s WHERE status = %s ORDER BY id ASC LIMIT %d",
				'sent_to_phone',
				$claim,
				gmdate( 'Y-m-d H:i:s' ),
				'queued',
				$limit
			)
		);
		$rows = $wpdb->get_results(
			$wpdb->prepare( "SELECT to_number, message, uuid FROM {$table} WHERE claim = %s ORDER BY id ASC", $claim ),
			ARRAY_A
		);
		$messages = array();
		foreach ( (array) $rows as $row ) {
			$messages[] = array(
				'to'      => $row['to_number'],
				'message' => $row['message'],
				'uuid'    => $row['uuid'],
			);
		}
		return $messages;
	}

	/**
	 * The phone says it queued these; only uuids we handed out (and not yet confirmed) are echoed.
	 *
	 * @param string[] $uuids UUIDs from the phone.
	 * @return string[]
	 */
	public static function confirm_queued( array $uuids ) {
		global $wpdb;
		$table     = self::outbox_table();
		$confirmed = array();
		foreach ( array_slice( $uuids, 0, 200 ) as $uuid ) {
			$changed = $wpdb->query(
				$wpdb->prepare(
					"UPDATE {$table} SET status = %s WHERE uuid = %s AND status = %s",
					'queued_on_phone',
					$uuid,
					'sent_to_phone'
				)
			);
			if ( 1 === (int) $changed ) {
				$confirmed[] = $uuid;
			}
		}
		return $confirmed;
	}

	/**
	 * The newest UUIDs handed out in the last day that still have no delivery report.
	 *
	 * @return string[]
	 */
	public static function awaiting_results() {
		global $wpdb;
		$table = self::outbox_table();
		$uuids = $wpdb->get_col(
			$wpdb->prepare(
				"SELECT uuid FROM {$table} WHERE status IN (%s, %s) AND result_at IS NULL AND handed_out_at >= %s ORDER BY id DESC LIMIT 50",
				'sent_to_phone',
				'queued_on_phone',
				gmdate( 'Y-m-d H:i:s', time() - DAY_IN_SECONDS )
			)
		);
		return array_values( array_map( 'strval', (array) $uuids ) );
	}

	/**
	 * Records one delivery report element from the phone.
	 *
	 * @param array $result Decoded element (uuid, sent_result_code, delivered_result_code, ...).
	 */
	public static function record_result( array $result ) {
		global $wpdb;
		$table = self::outbox_table();
		// Codes are optional (Gson omits nulls); integers are inlined as literals because %d cannot express NULL.
		$sent  = self::int_or_null_sql( $result, 'sent_result_code' );
		$deliv = self::int_or_null_sql( $result, 'delivered_result_code' );
		$wpdb->query(
			$wpdb->prepare(
				"UPDATE {$table} SET sent_result_code = {$sent}, delivered_result_code = {$deliv}, result = %s, result_at = %s WHERE uuid = %s", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
				wp_json_encode( $result ),
				gmdate( 'Y-m-d H:i:s' ),
				(string) $result['uuid']
			)
		);
	}

	/**
	 * An integer field as a SQL literal, or NULL.
	 *
	 * @param array  $data Decoded element.
	 * @param string $key  Field name.
	 * @return string
	 */
	private static function int_or_null_sql( array $data, $key ) {
		if ( isset( $data[ $key ] ) && is_numeric( $data[ $key ] ) ) {
			return (string) (int) $data[ $key ];
		}
		return 'NULL';
	}

	/**
	 * Deletes messages and outbox rows older than $days.
	 *
	 * @param int $days Retention in days.
	 */
	public static function prune( $days ) {
		global $wpdb;
		$cutoff   = gmdate( 'Y-m-d H:i:s', time() - (int) $days * DAY_IN_SECONDS );
		$messages = self::messages_table();
		$outbox   = self::outbox_table();
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$messages} WHERE received_at < %s", $cutoff ) );
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$outbox} WHERE created_at < %s", $cutoff ) );
	}

	/**
	 * MySQL DATETIME (UTC) to ISO 8601.
	 *
	 * @param string|null $datetime 'Y-m-d H:i:s'.
	 * @return string|null
	 */
	public static function iso( $datetime ) {
		if ( empty( $datetime ) ) {
			return null;
		}
		return str_replace( ' ', 'T', $datetime ) . 'Z';
	}
}

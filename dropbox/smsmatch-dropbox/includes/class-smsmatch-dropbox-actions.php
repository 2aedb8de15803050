<?php
/**
 * The admin-action queue: what a shop owner decided in wp-admin, waiting for the daemon to carry it out.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * One row per action: queued → done | failed (with the daemon's words). All SQL through $wpdb->prepare.
 */
class Smsmatch_Dropbox_Actions {

	/**
	 * Table name.
	 *
	 * @return string
	 */
	public static function table() {
		global $wpdb;
		return $wpdb->prefix . 'smsmatch_actions';
	}

	/**
	 * Creates or upgrades the table. `open_code` holds the upper-cased code while the action is queued and NULL
	 * after: the unique key lets only one action per payment wait at a time, even for two clicks racing.
	 */
	public static function install() {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$table = self::table();
		dbDelta(
			"CREATE TABLE {$table} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  action varchar(20) NOT NULL,
  code varchar(120) NOT NULL,
  open_code varchar(120) NULL DEFAULT NULL,
  order_id bigint(20) unsigned NULL DEFAULT NULL,
  reason text NULL,
  requested_by varchar(60) NOT NULL DEFAULT '',
  requested_at datetime NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'queued',
  detail text NULL,
  done_at datetime NULL DEFAULT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY open_code (open_code),
  KEY code (code),
  KEY status (status)
) {$wpdb->get_charset_collate()};"
		);
	}

	/**
	 * Queues an action unless one for the same payment is still queued.
	 *
	 * @param array $a action, code, order_id|null, reason|null, requested_by.
	 * @return array{id: int, duplicate: bool}|null Null on a database error.
	 */
	public static function queue( array $a ) {
		global $wpdb;
		$table  = self::table();
		$code   = (string) $a['code'];
		$order  = null === $a['order_id'] ? '' : (string) (int) $a['order_id'];
		$result = $wpdb->query(
			$wpdb->prepare(
				"INSERT INTO {$table} (action, code, open_code, order_id, reason, requested_by, requested_at, status, detail) VALUES (%s, %s, %s, NULLIF(%s, ''), %s, %s, %s, 'queued', '') ON DUPLICATE KEY UPDATE id = id",
				$a['action'],
				$code,
				strtoupper( $code ),
				$order,
				null === $a['reason'] ? '' : (string) $a['reason'],
				(string) $a['requested_by'],
				gmdate( 'Y-m-d H:i:s' )
			)
		);
		if ( false === $result ) {
			return null;
		}
		if ( 1 === (int) $result ) {
			return array(
				'id'        => (int) $wpdb->insert_id,
				'duplicate' => false,
			);
		}
		$id = $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$table} WHERE open_code = %s", strtoupper( $code ) ) );
		return array(
			'id'        => (int) $id,
			'duplicate' => true,
		);
	}

	/**
	 * Queued actions, oldest first.
	 *
	 * @param int $limit At most.
	 * @return array[]
	 */
	public static function queued( $limit = 50 ) {
		global $wpdb;
		$table = self::table();
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$table} WHERE status = 'queued' ORDER BY id ASC LIMIT %d", $limit ), ARRAY_A );
		return array_map( array( __CLASS__, 'shape' ), (array) $rows );
	}

	/**
	 * How many wait (for /messages, so the daemon asks /actions only when there is something).
	 *
	 * @return int
	 */
	public static function pending_count() {
		global $wpdb;
		$table = self::table();
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} WHERE status = 'queued'" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	/**
	 * Records the daemon's report; only a queued action changes (the first report wins).
	 *
	 * @param int    $id     Action id.
	 * @param string $status done|failed.
	 * @param string $detail The daemon's words.
	 * @return array{status: string, changed: bool}|null Null when there is no such action.
	 */
	public static function report( $id, $status, $detail ) {
		global $wpdb;
		$table   = self::table();
		$changed = $wpdb->query(
			$wpdb->prepare(
				"UPDATE {$table} SET status = %s, detail = %s, done_at = %s, open_code = NULL WHERE id = %d AND status = 'queued'",
				$status,
				$detail,
				gmdate( 'Y-m-d H:i:s' ),
				$id
			)
		);
		$row     = self::get( $id );
		if ( null === $row ) {
			return null;
		}
		return array(
			'status'  => $row['status'],
			'changed' => 1 === (int) $changed,
		);
	}

	/**
	 * One action, or null.
	 *
	 * @param int $id Action id.
	 * @return array|null
	 */
	public static function get( $id ) {
		global $wpdb;
		$table = self::table();
		$row   = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE id = %d", $id ), ARRAY_A );
		return $row ? self::shape( $row ) : null;
	}

	/**
	 * The newest action per code, for the given codes.
	 *
	 * @param string[] $codes Codes.
	 * @return array<string, array> Keyed by upper-cased code.
	 */
	public static function latest_for( array $codes ) {
		global $wpdb;
		if ( ! $codes ) {
			return array();
		}
		$table  = self::table();
		$codes  = array_values( array_unique( array_map( 'strtoupper', array_map( 'strval', $codes ) ) ) );
		$in     = implode( ', ', array_fill( 0, count( $codes ), '%s' ) );
		$rows   = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$table} WHERE UPPER(code) IN ({$in}) ORDER BY id ASC", $codes ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL
		$latest = array();
		foreach ( (array) $rows as $row ) {
			$latest[ strtoupper( $row['code'] ) ] = self::shape( $row );
		}
		return $latest;
	}

	/**
	 * Deletes finished actions older than $days (the daily prune).
	 *
	 * @param int $days Retention.
	 */
	public static function prune( $days ) {
		global $wpdb;
		$table = self::table();
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE status <> 'queued' AND done_at < %s", gmdate( 'Y-m-d H:i:s', time() - (int) $days * DAY_IN_SECONDS ) ) );
	}

	/**
	 * A row as the REST answers show it.
	 *
	 * @param array $row Database row.
	 * @return array
	 */
	private static function shape( array $row ) {
		return array(
			'id'           => (int) $row['id'],
			'action'       => $row['action'],
			'code'         => $row['code'],
			'order_id'     => null === $row['order_id'] ? null : (int) $row['order_id'],
			'reason'       => '' === (string) $row['reason'] ? null : $row['reason'],
			'requested_by' => $row['requested_by'],
			'requested_at' => Smsmatch_Dropbox_Store::iso( $row['requested_at'] ),
			'status'       => $row['status'],
			'detail'       => (string) $row['detail'],
			'done_at'      => Smsmatch_Dropbox_Store::iso( $row['done_at'] ),
		);
	}
}

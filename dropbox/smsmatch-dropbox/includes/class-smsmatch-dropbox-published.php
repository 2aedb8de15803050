<?php
/**
 * The daemon's published copy of the payments (one row each) and of its health (one small option).
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A row per payment keeps every page load small on cheap hosting: no megabyte option is decoded to show ten rows.
 */
class Smsmatch_Dropbox_Published {

	const OPTION = 'smsmatch_dropbox_published';

	/** The biggest snapshot body taken (the daemon keeps itself under 1,000,000 bytes). */
	const MAX_BODY = 4194304;

	/**
	 * Table name.
	 *
	 * @return string
	 */
	public static function table() {
		global $wpdb;
		return $wpdb->prefix . 'smsmatch_payments';
	}

	/**
	 * Creates or upgrades the table (dbDelta formatting).
	 */
	public static function install() {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$table = self::table();
		dbDelta(
			"CREATE TABLE {$table} (
  payment_key varchar(191) NOT NULL,
  code varchar(120) NOT NULL,
  review tinyint(1) NOT NULL DEFAULT 0,
  state varchar(32) NOT NULL,
  order_id bigint(20) unsigned NULL DEFAULT NULL,
  orders varchar(255) NOT NULL DEFAULT '',
  payer_name varchar(191) NOT NULL DEFAULT '',
  phone_digits varchar(40) NOT NULL DEFAULT '',
  updated_at varchar(32) NOT NULL DEFAULT '',
  generation varchar(40) NOT NULL DEFAULT '',
  data longtext NOT NULL,
  PRIMARY KEY  (payment_key),
  KEY code (code),
  KEY order_id (order_id),
  KEY review (review)
) {$wpdb->get_charset_collate()};"
		);
	}

	/**
	 * Replaces the stored copy with a snapshot (already validated): rows of the new generation go in, then
	 * the old generation goes, so a page loaded in between sees the old or the new list, never an empty one.
	 *
	 * @param array $snapshot Decoded snapshot.
	 * @param int   $bytes    Body size.
	 * @return int|null Rows stored, null on a database error.
	 */
	public static function replace( array $snapshot, $bytes ) {
		global $wpdb;
		$table      = self::table();
		$generation = wp_generate_password( 20, false, false );
		foreach ( array_chunk( $snapshot['payments'], 50 ) as $chunk ) {
			$values = array();
			$args   = array();
			foreach ( $chunk as $p ) {
				// NULLIF turns an empty order into NULL (%d cannot express NULL).
				$values[] = "(%s, %s, %d, %s, NULLIF(%s, ''), %s, %s, %s, %s, %s, %s)";
				$order    = isset( $p['order_id'] ) && is_numeric( $p['order_id'] ) ? (string) (int) $p['order_id'] : '';
				array_push(
					$args,
					substr( (string) $p['key'], 0, 191 ),
					substr( (string) $p['code'], 0, 120 ),
					empty( $p['review'] ) ? 0 : 1,
					substr( self::text( $p, 'state' ), 0, 32 ),
					$order,
					self::order_list( $p ),
					substr( self::text( $p, 'payer_name' ), 0, 191 ),
					substr( preg_replace( '/\D/', '', self::text( $p, 'payer_phone' ) ), 0, 40 ),
					substr( self::text( $p, 'updated_at' ), 0, 32 ),
					$generation,
					wp_json_encode( $p )
				);
			}
			$sql = "REPLACE INTO {$table} (payment_key, code, review, state, order_id, orders, payer_name, phone_digits, updated_at, generation, data) VALUES " . implode( ', ', $values );
			if ( false === $wpdb->query( $wpdb->prepare( $sql, $args ) ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
				return null;
			}
		}
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE generation <> %s", $generation ) );
		update_option(
			self::OPTION,
			array(
				'published_at' => self::text( $snapshot, 'published_at' ),
				'received_at'  => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'window_days'  => isset( $snapshot['window_days'] ) ? (int) $snapshot['window_days'] : 30,
				'dropped'      => isset( $snapshot['dropped'] ) ? (int) $snapshot['dropped'] : 0,
				'review_count' => isset( $snapshot['review_count'] ) ? (int) $snapshot['review_count'] : 0,
				'bytes'        => (int) $bytes,
				'health'       => $snapshot['health'],
			),
			false
		);
		return count( $snapshot['payments'] );
	}

	/**
	 * What the daemon last said about itself (and when), or null before the first publish.
	 *
	 * @return array|null
	 */
	public static function meta() {
		$meta = get_option( self::OPTION, null );
		return is_array( $meta ) ? $meta : null;
	}

	/**
	 * Payments, review queue first (oldest first), then the rest newest first.
	 *
	 * @param string $state  'review' or 'all'.
	 * @param string $search Code, phone digits, name or order number.
	 * @param int    $limit  At most this many.
	 * @return array[] Decoded payments.
	 */
	public static function query( $state, $search, $limit = 200 ) {
		global $wpdb;
		$table = self::table();
		$where = array( '1=1' );
		$args  = array();
		if ( 'review' === $state ) {
			$where[] = 'review = 1';
		}
		$search = strtolower( trim( (string) $search ) );
		if ( '' !== $search ) {
			$like = '%' . $wpdb->esc_like( $search ) . '%';
			$or   = array( 'LOWER(code) LIKE %s', 'LOWER(payer_name) LIKE %s' );
			array_push( $args, $like, $like );
			// A local number (0712…) is stored international (254712…): a trunk 0 is left out of the comparison.
			$digits = ltrim( preg_replace( '/\D/', '', $search ), '0' );
			if ( strlen( $digits ) >= 3 ) {
				$or[]   = 'phone_digits LIKE %s';
				$args[] = '%' . $wpdb->esc_like( $digits ) . '%';
			}
			if ( preg_match( '/^#?(\d+)$/', $search, $m ) ) {
				$or[]   = 'orders LIKE %s';
				$args[] = '%,' . $wpdb->esc_like( (string) (int) $m[1] ) . ',%';
			}
			$where[] = '(' . implode( ' OR ', $or ) . ')';
		}
		$args[] = max( 1, min( 500, (int) $limit ) );
		$sql    = "SELECT data FROM {$table} WHERE " . implode( ' AND ', $where ) . ' ORDER BY review DESC, CASE WHEN review = 1 THEN updated_at END ASC, updated_at DESC LIMIT %d';
		$rows   = $wpdb->get_col( $wpdb->prepare( $sql, $args ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		return self::decode_all( $rows );
	}

	/**
	 * Payments settled to an order, and payments in review naming it as a candidate.
	 *
	 * @param int $order_id Order id.
	 * @return array{matched: array[], candidates: array[]}
	 */
	public static function for_order( $order_id ) {
		global $wpdb;
		$table = self::table();
		$rows  = $wpdb->get_col( $wpdb->prepare( "SELECT data FROM {$table} WHERE orders LIKE %s ORDER BY updated_at DESC LIMIT 50", '%,' . (int) $order_id . ',%' ) );
		$out   = array(
			'matched'    => array(),
			'candidates' => array(),
		);
		foreach ( self::decode_all( $rows ) as $p ) {
			if ( ! empty( $p['review'] ) ) {
				$out['candidates'][] = $p;
			} elseif ( isset( $p['order_id'] ) && (int) $p['order_id'] === (int) $order_id ) {
				$out['matched'][] = $p;
			}
		}
		return $out;
	}

	/**
	 * The review queue, for an unpaid order's box: payments that could be its own (amount first).
	 *
	 * @param int $limit At most.
	 * @return array[]
	 */
	public static function review_queue( $limit = 50 ) {
		return self::query( 'review', '', $limit );
	}

	/**
	 * One payment by code or key (case-insensitive), or null.
	 *
	 * @param string $code Code or key.
	 * @return array|null
	 */
	public static function find( $code ) {
		global $wpdb;
		$table = self::table();
		$code  = trim( (string) $code );
		$row   = $wpdb->get_var( $wpdb->prepare( "SELECT data FROM {$table} WHERE UPPER(code) = UPPER(%s) OR payment_key = %s LIMIT 1", $code, $code ) );
		$list  = self::decode_all( array( $row ) );
		return $list ? $list[0] : null;
	}

	/**
	 * ",503,504," for the order and the candidates, so one LIKE finds a payment by any of them.
	 *
	 * @param array $p Payment.
	 * @return string
	 */
	private static function order_list( array $p ) {
		$ids = array();
		if ( isset( $p['order_id'] ) && is_numeric( $p['order_id'] ) ) {
			$ids[] = (int) $p['order_id'];
		}
		foreach ( isset( $p['candidates'] ) && is_array( $p['candidates'] ) ? $p['candidates'] : array() as $c ) {
			if ( is_array( $c ) && isset( $c['order_id'] ) && is_numeric( $c['order_id'] ) ) {
				$ids[] = (int) $c['order_id'];
			}
		}
		$ids = array_slice( array_unique( $ids ), 0, 20 );
		return $ids ? ',' . implode( ',', $ids ) . ',' : '';
	}

	/**
	 * A string field or ''.
	 *
	 * @param array  $a   Array.
	 * @param string $key Key.
	 * @return string
	 */
	private static function text( array $a, $key ) {
		return isset( $a[ $key ] ) && is_scalar( $a[ $key ] ) ? (string) $a[ $key ] : '';
	}

	/**
	 * JSON rows to arrays, skipping anything broken.
	 *
	 * @param array $rows JSON strings.
	 * @return array[]
	 */
	private static function decode_all( $rows ) {
		$out = array();
		foreach ( (array) $rows as $json ) {
			$p = is_string( $json ) ? json_decode( $json, true ) : null;
			if ( is_array( $p ) ) {
				$out[] = $p;
			}
		}
		return $out;
	}
}

<?php
/**
 * Fixed-window counters in transients, for the public order routes.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Counts hits per bucket; no personal data is stored (bucket names are hashed).
 */
class Smsmatch_Rate_Limit {

	/**
	 * Counts one hit; false when the bucket already had $max hits in this window.
	 *
	 * @param string $bucket  What is limited, e.g. "code-ip:1.2.3.4".
	 * @param int    $max     Hits allowed per window.
	 * @param int    $seconds Window length.
	 * @return int 0 when allowed, else seconds until the window ends.
	 */
	public static function hit( $bucket, $max, $seconds ) {
		$key   = 'smsmatch_rl_' . md5( $bucket );
		$state = get_transient( $key );
		$now   = time();
		if ( ! is_array( $state ) || ! isset( $state['n'], $state['until'] ) || $state['until'] <= $now ) {
			$state = array(
				'n'     => 0,
				'until' => $now + $seconds,
			);
		}
		if ( $state['n'] >= $max ) {
			return max( 1, $state['until'] - $now );
		}
		++$state['n'];
		set_transient( $key, $state, max( 1, $state['until'] - $now ) );
		return 0;
	}

	/**
	 * The client's address as PHP saw it (no proxy headers: they are trivially forged).
	 *
	 * @return string
	 */
	public static function client_ip() {
		return isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : 'unknown';
	}
}

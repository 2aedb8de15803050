<?php
/**
 * The signal file: the daemon's cheap wake-up call.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Implements the shared hook do_action( 'smsmatch_wake_daemon', $reason ): writes a fresh random nonce into a tiny
 * static file under wp-content/uploads/smsmatch/. The daemon reads it every second or so with conditional GETs that
 * the web server answers from disk (304, no PHP), and runs a pass the moment it changes.
 *
 * The file name is an HMAC of the daemon token, so only a holder of the token can find it; the content is only a
 * random nonce (never the reason, a time or a count), so it says nothing but "something changed". It is a hint:
 * the daemon still reads /messages from its own cursor, so a lost write costs time, never a payment.
 */
class Smsmatch_Dropbox_Signal {

	const OPTION = 'smsmatch_dropbox_signal_nonce';
	const DIR    = 'smsmatch';

	/**
	 * Hooks the wake-up action.
	 */
	public static function boot() {
		add_action( 'smsmatch_wake_daemon', array( __CLASS__, 'wake' ), 10, 0 );
	}

	/**
	 * The file name for a token: "signal-" plus 32 hex characters of HMAC-SHA256.
	 *
	 * @param string $token Daemon token.
	 * @return string
	 */
	public static function file_name( $token ) {
		return 'signal-' . substr( hash_hmac( 'sha256', 'smsmatch-signal', (string) $token ), 0, 32 ) . '.txt';
	}

	/**
	 * The nonce the file holds (or should hold); '' before the first wake-up.
	 *
	 * @return string
	 */
	public static function nonce() {
		return (string) get_option( self::OPTION, '' );
	}

	/**
	 * The action callback: a new nonce, stored, then written to the file. Never throws: a failed write only
	 * means the daemon learns later (from the nonce on /messages and /health that it falls back to polling).
	 */
	public static function wake() {
		$nonce = bin2hex( random_bytes( 16 ) );
		update_option( self::OPTION, $nonce, false );
		self::write( $nonce );
	}

	/**
	 * What /health reports: the file's URL (null when it cannot be written, with the reason) and the nonce.
	 * A missing file (deleted, uploads moved, first call after an update) is written again here.
	 *
	 * @return array{url: string|null, nonce: string|null, error: string|null}
	 */
	public static function describe() {
		$nonce = self::nonce();
		if ( '' === $nonce ) {
			$nonce = bin2hex( random_bytes( 16 ) );
			update_option( self::OPTION, $nonce, false );
		}
		$where = self::location( Smsmatch_Dropbox_Settings::token() );
		if ( is_wp_error( $where ) ) {
			return self::unavailable( $where );
		}
		$current = is_readable( $where['path'] ) ? trim( (string) file_get_contents( $where['path'] ) ) : ''; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
		if ( $current !== $nonce ) {
			$written = self::write( $nonce );
			if ( is_wp_error( $written ) ) {
				return self::unavailable( $written );
			}
		}
		return array(
			'url'   => $where['url'],
			'nonce' => $nonce,
			'error' => null,
		);
	}

	/**
	 * Removes the file of a token that is being replaced (its name would otherwise stay readable forever).
	 *
	 * @param string $token The old daemon token.
	 */
	public static function forget( $token ) {
		$where = self::location( $token );
		if ( ! is_wp_error( $where ) && file_exists( $where['path'] ) ) {
			wp_delete_file( $where['path'] );
		}
	}

	/**
	 * Removes the folder and everything in it (uninstall).
	 */
	public static function remove_all() {
		$uploads = wp_upload_dir( null, false );
		if ( ! empty( $uploads['error'] ) ) {
			return;
		}
		$dir = trailingslashit( $uploads['basedir'] ) . self::DIR;
		foreach ( (array) glob( $dir . '/*' ) as $file ) {
			if ( is_string( $file ) && is_file( $file ) ) {
				wp_delete_file( $file );
			}
		}
		if ( is_dir( $dir ) ) {
			rmdir( $dir ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_rmdir -- our own empty folder.
		}
	}

	/**
	 * Writes the nonce atomically (temp file + rename), so a reader never sees half a file.
	 *
	 * @param string $nonce Nonce.
	 * @return true|WP_Error
	 */
	private static function write( $nonce ) {
		$where = self::location( Smsmatch_Dropbox_Settings::token() );
		if ( is_wp_error( $where ) ) {
			return $where;
		}
		$dir = dirname( $where['path'] );
		if ( ! wp_mkdir_p( $dir ) ) {
			return new WP_Error( 'smsmatch_signal_unwritable', 'wp-content/uploads/' . self::DIR . ' cannot be created by the web server' );
		}
		// An empty index stops directory listings from revealing the file name.
		if ( ! file_exists( $dir . '/index.html' ) ) {
			file_put_contents( $dir . '/index.html', '' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents -- a static file.
		}
		$temp = $where['path'] . '.' . bin2hex( random_bytes( 4 ) ) . '.tmp';
		// phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents -- must be a plain static file.
		if ( false === @file_put_contents( $temp, $nonce . "\n" ) || ! @rename( $temp, $where['path'] ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.rename_rename
			if ( file_exists( $temp ) ) {
				wp_delete_file( $temp );
			}
			return new WP_Error( 'smsmatch_signal_unwritable', 'wp-content/uploads/' . self::DIR . ' is not writable by the web server' );
		}
		@chmod( $where['path'], 0644 ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_system_operations_chmod
		clearstatcache( true, $where['path'] );
		return true;
	}

	/**
	 * The file's path and URL for a token.
	 *
	 * @param string $token Daemon token.
	 * @return array{path: string, url: string}|WP_Error
	 */
	private static function location( $token ) {
		if ( '' === (string) $token ) {
			return new WP_Error( 'smsmatch_signal_no_token', 'no daemon token yet' );
		}
		$uploads = wp_upload_dir( null, false );
		if ( ! empty( $uploads['error'] ) ) {
			return new WP_Error( 'smsmatch_signal_no_uploads', 'the uploads folder is not available: ' . wp_strip_all_tags( (string) $uploads['error'] ) );
		}
		$name = self::file_name( $token );
		return array(
			'path' => trailingslashit( $uploads['basedir'] ) . self::DIR . '/' . $name,
			'url'  => trailingslashit( $uploads['baseurl'] ) . self::DIR . '/' . $name,
		);
	}

	/**
	 * The /health answer for a file that cannot be used.
	 *
	 * @param WP_Error $error Why.
	 * @return array{url: null, nonce: string, error: string}
	 */
	private static function unavailable( $error ) {
		return array(
			'url'   => null,
			'nonce' => self::nonce(),
			'error' => $error->get_error_message(),
		);
	}
}

<?php
/**
 * Test-only must-use plugin: wp_mail writes a JSON line to SMSMATCH_MAIL_LOG instead of sending,
 * and fails for subjects containing "[fail]" so the 502 path can be exercised.
 */
add_filter(
	'pre_wp_mail',
	function ( $result, $atts ) {
		if ( ! defined( 'SMSMATCH_MAIL_LOG' ) ) {
			return $result;
		}
		if ( false !== strpos( (string) $atts['subject'], '[fail]' ) ) {
			return false;
		}
		file_put_contents( SMSMATCH_MAIL_LOG, wp_json_encode( $atts ) . "\n", FILE_APPEND | LOCK_EX );
		return true;
	},
	10,
	2
);

<?php
/**
 * Test-only must-use plugin (copied in by test/checkout-wp): counts smsmatch_wake_daemon calls per reason, so a
 * test can see that the plugin asked for the daemon to be woken.
 */
add_action(
	'smsmatch_wake_daemon',
	static function ( $reason ) {
		$counts            = get_option( 'smsmatch_test_wakes', array() );
		$counts[ $reason ] = ( $counts[ $reason ] ?? 0 ) + 1;
		update_option( 'smsmatch_test_wakes', $counts, false );
	}
);

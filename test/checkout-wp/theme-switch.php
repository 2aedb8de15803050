<?php
/**
 * Test-only must-use plugin (copied in by test/checkout-wp/shop.ts): a request carrying the cookie
 * `smsmatch_test_theme=classic` is served the classic fixture theme (classic-theme/, copied to
 * wp-content/themes/smsmatch-classic-test); every other request keeps the site's block theme.
 *
 * Why per request and not switch_theme(): vitest runs the test files concurrently against the one shared shop,
 * so activating a theme for one file's run would change the pages the other files are reading at that moment.
 * A second WordPress copy (.ci/wordpress-up.sh with another SMSMATCH_WP_DIR) would isolate it too, but costs
 * another install, database and server in every CI run for one test. The cookie lives only in that test's
 * browser context, so there is nothing to restore afterwards.
 *
 * @package SmsmatchTest
 */

if ( isset( $_COOKIE['smsmatch_test_theme'] ) && 'classic' === $_COOKIE['smsmatch_test_theme'] ) {
	$smsmatch_test_theme = static function () {
		return 'smsmatch-classic-test';
	};
	add_filter( 'stylesheet', $smsmatch_test_theme );
	add_filter( 'template', $smsmatch_test_theme );
}

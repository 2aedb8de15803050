<?php
/**
 * Test WordPress only (a must-use plugin copied by .ci/wordpress-up.sh): WooCommerce 10.0.2's autoloader is
 * asked for `WPCacheEngine` while the file is `src/Caching/WpCacheEngine.php`, so on a case-sensitive disk a web
 * request that flushes the order cache (REST order writes with HPOS) dies with a fatal error. Loading the class
 * by its file's spelling first avoids it; the shop under test is otherwise unmodified.
 */
add_action(
	'plugins_loaded',
	function () {
		if ( defined( 'WC_ABSPATH' ) && ! class_exists( 'Automattic\\WooCommerce\\Caching\\WPCacheEngine', false ) ) {
			require_once WC_ABSPATH . 'src/Caching/WpCacheEngine.php';
		}
	},
	0
);

<?php
/**
 * Test-only must-use plugin (copied in by test/checkout-wp until .ci/wordpress-up.sh installs it): the WooCommerce
 * 10.0.2 tarball in ../shared/vendor ships `src/Caching/WpCacheEngine.php` while its class map names
 * `WPCacheEngine.php`, so on a case-sensitive disk every HPOS order-meta write in a web request dies with a fatal
 * "Failed opening required … WPCacheEngine.php". Loading the file by its real name first avoids the autoloader.
 */
add_action(
	'plugins_loaded',
	static function () {
		if ( defined( 'WC_ABSPATH' ) && ! class_exists( 'Automattic\WooCommerce\Caching\WPCacheEngine', false ) && file_exists( WC_ABSPATH . 'src/Caching/WpCacheEngine.php' ) ) {
			require_once WC_ABSPATH . 'src/Caching/WpCacheEngine.php';
		}
	},
	0
);

<?php
/**
 * CLI for .ci/wordpress-up.sh, one step per call because WordPress installs with plugins unloaded and a shop is
 * set up with them loaded:
 *   php install.php core <wp-root> <site> <url> <permalinks> [woocommerce]  install WordPress, activate plugins
 *   php install.php shop <wp-root> <site> <url>   WooCommerce installed and configured; prints the site's JSON
 *   php install.php info <wp-root> <site> <url>   prints the site's JSON (plugin only)
 * Every step is idempotent: keys, users and products made once are found again on the next run.
 */
list( , $mode, $root, $site, $url ) = $argv;
$_SERVER['WORDPRESS_CONFIG'] = $site;
$_SERVER['HTTP_HOST']        = (string) parse_url( $url, PHP_URL_HOST ) . ':' . (string) parse_url( $url, PHP_URL_PORT );
$_SERVER['SERVER_NAME']      = '127.0.0.1';
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['REQUEST_METHOD']   = 'GET';
if ( 'core' === $mode ) {
	define( 'WP_INSTALLING', true );
}
require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

const SMSMATCH_PLUGIN = 'smsmatch-dropbox/smsmatch-dropbox.php';

if ( 'core' === $mode ) {
	install_core( $url, $argv[5], isset( $argv[6] ) && 'woocommerce' === $argv[6] );
	exit( 0 );
}
if ( 'shop' === $mode ) {
	$shop = set_up_shop();
	echo wp_json_encode( array_merge( site_info( $url, $site, $root ), $shop ), JSON_UNESCAPED_SLASHES ), "\n";
	exit( 0 );
}
echo wp_json_encode( site_info( $url, $site, $root ), JSON_UNESCAPED_SLASHES ), "\n";

function fail( string $message ): void {
	fwrite( STDERR, "install.php: $message\n" );
	exit( 1 );
}

function install_core( string $url, string $permalinks, bool $woocommerce ): void {
	if ( ! is_blog_installed() ) {
		ob_start();
		wp_install( 'smsmatch test shop', 'admin', 'admin@shop.test', false, '', 'smsmatch-admin' );
		ob_end_clean();
	}
	update_option( 'siteurl', $url );
	update_option( 'home', $url );
	update_option( 'permalink_structure', $permalinks );
	update_option( 'timezone_string', 'Africa/Nairobi' );
	delete_option( 'rewrite_rules' );
	$plugins = $woocommerce ? array( 'woocommerce/woocommerce.php', SMSMATCH_PLUGIN ) : array( SMSMATCH_PLUGIN );
	foreach ( $plugins as $plugin ) {
		if ( is_plugin_active( $plugin ) ) {
			continue;
		}
		$result = activate_plugin( $plugin, '', false, true );
		if ( is_wp_error( $result ) ) {
			fail( "activating $plugin: " . $result->get_error_message() );
		}
	}
	// WP_INSTALLING keeps plugins unloaded; run our (idempotent) activation so its tables match this checkout.
	if ( class_exists( 'Smsmatch_Dropbox_Plugin' ) ) {
		Smsmatch_Dropbox_Plugin::activate();
	} else {
		include_once WP_PLUGIN_DIR . '/' . SMSMATCH_PLUGIN;
		Smsmatch_Dropbox_Plugin::activate();
	}
}

function site_info( string $url, string $site, string $root ): array {
	return array(
		'url'         => $url,
		'smssync_url' => Smsmatch_Dropbox_Settings::smssync_url(),
		'daemon_url'  => Smsmatch_Dropbox_Settings::daemon_base_url(),
		'token'       => Smsmatch_Dropbox_Settings::token(),
		'secret'      => Smsmatch_Dropbox_Settings::secret(),
		'table'       => Smsmatch_Dropbox_Store::messages_table(),
		'config'      => $site,
		'wp_root'     => $root,
	);
}

/** A Kenyan shop as a new owner has it after the installer: block checkout, HPOS, KES, no "coming soon". */
function set_up_shop(): array {
	if ( ! class_exists( 'WooCommerce' ) ) {
		fail( 'WooCommerce is not active' );
	}
	if ( ! get_option( 'woocommerce_db_version' ) || wc_get_page_id( 'checkout' ) < 1 ) {
		WC_Install::install();
	}
	// WooCommerce 10.0.2 asks its autoloader for `WPCacheEngine` while the file is `WpCacheEngine.php`: on a
	// case-sensitive disk that fails unless the class was loaded by its file's spelling first.
	require_once WC_ABSPATH . 'src/Caching/WpCacheEngine.php';
	// What the first wp-admin visit does on a new shop (HPOS on, email improvements, coming-soon defaults).
	WC_Install::newly_installed();
	if ( 'yes' !== get_option( 'woocommerce_custom_orders_table_enabled' ) ) {
		fail( 'HPOS is not enabled after the install (new shops have it on)' );
	}
	$options = array(
		'woocommerce_currency'                      => 'KES',
		'woocommerce_default_country'               => 'KE:30',
		'woocommerce_store_address'                 => 'Moi Avenue 1',
		'woocommerce_store_city'                    => 'Nairobi',
		'woocommerce_enable_guest_checkout'         => 'yes',
		'woocommerce_coming_soon'                   => 'no',
		'woocommerce_store_pages_only'              => 'no',
		'woocommerce_task_list_hidden'              => 'yes',
		'woocommerce_onboarding_profile'            => array( 'skipped' => true ),
		'woocommerce_show_marketplace_suggestions'  => 'no',
		'woocommerce_allow_tracking'                => 'no',
		'woocommerce_analytics_enabled'             => 'no',
	);
	foreach ( $options as $name => $value ) {
		update_option( $name, $value );
	}
	delete_transient( '_wc_activation_redirect' );
	flush_rewrite_rules();

	$keys = get_option( 'smsmatch_test_fixture' );
	if ( ! is_array( $keys ) ) {
		$keys = array(
			'woo'      => make_rest_key(),
			'users'    => make_users(),
			'products' => make_products(),
		);
		update_option( 'smsmatch_test_fixture', $keys, false );
	}
	$keys['hpos'] = 'yes' === get_option( 'woocommerce_custom_orders_table_enabled' );
	return $keys;
}

function make_rest_key(): array {
	global $wpdb;
	$ck = 'ck_' . wc_rand_hash();
	$cs = 'cs_' . wc_rand_hash();
	$wpdb->insert(
		$wpdb->prefix . 'woocommerce_api_keys',
		array(
			'user_id'         => 1,
			'description'     => 'smsmatch tests',
			'permissions'     => 'read_write',
			'consumer_key'    => wc_api_hash( $ck ),
			'consumer_secret' => $cs,
			'truncated_key'   => substr( $ck, -7 ),
		)
	);
	return array( 'consumer_key' => $ck, 'consumer_secret' => $cs );
}

function make_users(): array {
	$users = array( 'admin' => 1 );
	foreach ( array( 'shop_manager', 'customer' ) as $role ) {
		$login = 'test_' . $role;
		$id    = username_exists( $login );
		if ( ! $id ) {
			$id = wp_insert_user(
				array( 'user_login' => $login, 'user_pass' => "smsmatch-$role", 'user_email' => "$role@shop.test", 'role' => $role )
			);
			if ( is_wp_error( $id ) ) {
				fail( "user $login: " . $id->get_error_message() );
			}
		}
		$users[ $role ] = $id;
	}
	$out = array();
	foreach ( $users as $role => $id ) {
		$user    = get_userdata( $id );
		$created = WP_Application_Passwords::create_new_application_password( $id, array( 'name' => 'smsmatch tests' ) );
		if ( is_wp_error( $created ) ) {
			fail( "application password for $role: " . $created->get_error_message() );
		}
		$out[ $role ] = array(
			'id'           => $id,
			'login'        => $user->user_login,
			'password'     => 'admin' === $role ? 'smsmatch-admin' : "smsmatch-$role",
			'app_password' => $created[0],
		);
	}
	return $out;
}

function make_products(): array {
	$simple = new WC_Product_Simple();
	$simple->set_name( 'Kikoi beach wrap' );
	$simple->set_regular_price( '1500' );
	$simple->set_manage_stock( true );
	$simple->set_stock_quantity( 10000 );
	$simple->set_status( 'publish' );
	$virtual = new WC_Product_Simple();
	$virtual->set_name( 'Gift card' );
	$virtual->set_regular_price( '500' );
	$virtual->set_virtual( true );
	$virtual->set_status( 'publish' );
	return array( 'simple' => $simple->save(), 'virtual' => $virtual->save() );
}

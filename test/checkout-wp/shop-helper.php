<?php
/**
 * Test helper run with the PHP CLI against the test shop.
 * Usage: php shop-helper.php <site-config> <wp-root> <command>
 *   reset-limits   forgets the order routes' rate-limit counters (every test request comes from 127.0.0.1)
 *   classic-page   makes (once) a page with the classic [woocommerce_checkout] shortcode; prints its URL
 *   set-limits S I O  sets the order routes' limits (status polls per minute, codes per address, codes per order);
 *                  `set-limits default` removes the option
 *   wake-count     prints how often smsmatch_wake_daemon ran with each reason (recorded by the mu-plugin below)
 *   outbox-to N    prints the outbox rows (uuid, to, message, status) queued for the phone number N
 */
list( , $config, $wp_root, $command ) = $argv;
$_SERVER['WORDPRESS_CONFIG'] = $config;
$_SERVER['HTTP_HOST']        = '127.0.0.1';
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['REQUEST_METHOD']   = 'GET';
require $wp_root . '/wp-load.php';

global $wpdb;
if ( 'reset-limits' === $command ) {
	$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_smsmatch\\_rl\\_%' OR option_name LIKE '\\_transient\\_timeout\\_smsmatch\\_rl\\_%'" );
	wp_cache_flush();
	echo wp_json_encode( array( 'ok' => true ) );
} elseif ( 'classic-page' === $command ) {
	$page = get_page_by_path( 'classic-checkout' );
	$id   = $page ? $page->ID : wp_insert_post(
		array(
			'post_type'    => 'page',
			'post_status'  => 'publish',
			'post_name'    => 'classic-checkout',
			'post_title'   => 'Classic checkout',
			'post_content' => '<!-- wp:shortcode -->[woocommerce_checkout]<!-- /wp:shortcode -->',
		)
	);
	echo wp_json_encode( array( 'url' => get_permalink( $id ) ) );
} elseif ( 'set-limits' === $command ) {
	if ( 'default' === ( $argv[4] ?? '' ) ) {
		delete_option( 'smsmatch_order_route_limits' );
	} else {
		update_option( 'smsmatch_order_route_limits', array( 'status_per_minute' => (int) $argv[4], 'codes_per_ip' => (int) $argv[5], 'codes_per_order' => (int) $argv[6] ), false );
	}
	echo wp_json_encode( Smsmatch_Order_Routes::limits() );
} elseif ( 'wake-count' === $command ) {
	echo wp_json_encode( get_option( 'smsmatch_test_wakes', array() ) );
} elseif ( 'outbox-to' === $command ) {
	$table = $wpdb->prefix . 'smsmatch_outbox';
	// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the table name is the plugin's own.
	echo wp_json_encode( $wpdb->get_results( $wpdb->prepare( "SELECT uuid, to_number AS `to`, message, status FROM {$table} WHERE to_number = %s ORDER BY id", $argv[4] ), ARRAY_A ) );
} else {
	fwrite( STDERR, "shop-helper.php: unknown command $command\n" );
	exit( 1 );
}

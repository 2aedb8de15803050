<?php
/**
 * Test helper run with the PHP CLI against the shop site.
 * Usage: php shop-helper.php <site-config> <wp-root> create <total> <status> <first> <phone> <product> → {"id": N}
 *        php shop-helper.php <site-config> <wp-root> order <id>   → {"status","transaction_id","paid_notes","notes"}
 */
$config  = $argv[1];
$wp_root = $argv[2];
$command = $argv[3];
$_SERVER['WORDPRESS_CONFIG'] = $config;
$_SERVER['HTTP_HOST']        = '127.0.0.1';
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['REQUEST_METHOD']   = 'GET';
require $wp_root . '/wp-load.php';
// WooCommerce 10.0.2 asks its autoloader for `WPCacheEngine` but ships `WpCacheEngine.php` (see .ci/wordpress/install.php).
require_once WC_ABSPATH . 'src/Caching/WpCacheEngine.php';

if ( 'create' === $command ) {
	$order = wc_create_order();
	// A shippable product: paid orders go to processing, as in a real shop.
	$order->add_product( wc_get_product( (int) $argv[8] ), 1 );
	$order->set_billing_first_name( $argv[6] );
	$order->set_billing_last_name( 'Test' );
	$order->set_billing_phone( $argv[7] );
	$order->set_billing_email( strtolower( $argv[6] ) . '@example.com' );
	$order->set_currency( get_woocommerce_currency() );
	$order->set_payment_method( 'smsmatch' );
	$order->set_total( $argv[4] );
	$order->set_status( $argv[5] );
	$order->save();
	echo wp_json_encode( array( 'id' => $order->get_id() ) );
	exit;
}
if ( 'order' === $command ) {
	$order = wc_get_order( (int) $argv[4] );
	$notes = wc_get_order_notes( array( 'order_id' => (int) $argv[4] ) );
	$texts = array_map(
		function ( $n ) {
			return $n->content;
		},
		$notes
	);
	echo wp_json_encode(
		array(
			'status'         => $order->get_status(),
			'transaction_id' => $order->get_transaction_id(),
			'paid_notes'     => count( preg_grep( '/^Order status changed from .* to Processing\.$/', $texts ) ),
			'notes'          => array_values( $texts ),
		)
	);
}

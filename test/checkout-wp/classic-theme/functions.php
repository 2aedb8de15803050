<?php
/**
 * Test fixture: a classic theme that declares WooCommerce support and loads its one stylesheet.
 *
 * @package SmsmatchClassicTest
 */

add_action(
	'after_setup_theme',
	static function () {
		add_theme_support( 'title-tag' );
		add_theme_support( 'woocommerce' );
	}
);
add_action(
	'wp_enqueue_scripts',
	static function () {
		wp_enqueue_style( 'smsmatch-classic-test', get_stylesheet_uri(), array(), '1.0' );
	}
);

<?php
/**
 * The gateway in the Cart & Checkout blocks: data for the plain-JS integration (assets/smsmatch-blocks.js).
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

use Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType;

/**
 * Registered on `woocommerce_blocks_payment_method_type_registration`; the name must equal the gateway id.
 */
final class Smsmatch_Gateway_Blocks extends AbstractPaymentMethodType {

	/**
	 * Payment method name (the gateway id).
	 *
	 * @var string
	 */
	protected $name = Smsmatch_Gateway::ID;

	/**
	 * Reads the gateway's stored settings.
	 */
	public function initialize() {
		$this->settings = get_option( 'woocommerce_' . Smsmatch_Gateway::ID . '_settings', array() );
	}

	/**
	 * Same rule as the classic checkout: the gateway decides (enabled and a pay-to number set).
	 *
	 * @return bool
	 */
	public function is_active() {
		$gateways = WC()->payment_gateways() ? WC()->payment_gateways()->payment_gateways() : array();
		return isset( $gateways[ Smsmatch_Gateway::ID ] ) && $gateways[ Smsmatch_Gateway::ID ]->is_available();
	}

	/**
	 * Plain JS on window.wc / window.wp: every global it uses is a declared dependency, or WooCommerce drops it.
	 *
	 * @return string[]
	 */
	public function get_payment_method_script_handles() {
		Smsmatch_Checkout::register_phone_script();
		wp_register_script(
			'smsmatch-blocks',
			plugins_url( 'assets/smsmatch-blocks.js', SMSMATCH_DROPBOX_FILE ),
			array( 'wc-blocks-registry', 'wc-settings', 'wp-element', 'wp-html-entities', 'wp-data', 'smsmatch-phone' ),
			SMSMATCH_DROPBOX_VERSION,
			true
		);
		return array( 'smsmatch-blocks' );
	}

	/**
	 * What the script reads with getSetting('smsmatch_data').
	 *
	 * @return array<string, mixed>
	 */
	public function get_payment_method_data() {
		return Smsmatch_Checkout::script_data( is_array( $this->settings ) ? $this->settings : array() );
	}
}

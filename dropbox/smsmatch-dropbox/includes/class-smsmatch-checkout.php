<?php
/**
 * Wiring of the payment method into WooCommerce: gateway, blocks, compatibility, pages, emails, admin view.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Everything here waits for WooCommerce; without it the drop-box part of the plugin works alone.
 */
class Smsmatch_Checkout {

	/**
	 * Registers the hooks; called from the plugin's boot.
	 */
	public static function boot() {
		add_action( 'before_woocommerce_init', array( __CLASS__, 'declare_compatibility' ) );
		add_action( 'plugins_loaded', array( __CLASS__, 'load' ), 11 );
		add_action( 'rest_api_init', array( 'Smsmatch_Order_Routes', 'register_routes' ) );
	}

	/**
	 * HPOS and the Cart & Checkout blocks: both only through the WC_Order API and the blocks integration.
	 */
	public static function declare_compatibility() {
		if ( class_exists( '\Automattic\WooCommerce\Utilities\FeaturesUtil' ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', SMSMATCH_DROPBOX_FILE, true );
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', SMSMATCH_DROPBOX_FILE, true );
		}
	}

	/**
	 * Loads the gateway once WooCommerce's classes exist.
	 */
	public static function load() {
		if ( ! class_exists( 'WC_Payment_Gateway' ) ) {
			return;
		}
		require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-gateway.php';
		add_filter( 'woocommerce_payment_gateways', array( __CLASS__, 'add_gateway' ) );
		add_action( 'woocommerce_blocks_payment_method_type_registration', array( __CLASS__, 'register_blocks' ) );
		add_action( 'woocommerce_thankyou_' . Smsmatch_Gateway::ID, array( 'Smsmatch_Status_Panel', 'thankyou' ) );
		add_action( 'woocommerce_view_order', array( 'Smsmatch_Status_Panel', 'view_order' ), 5 );
		add_action( 'woocommerce_email_before_order_table', array( __CLASS__, 'email_instructions' ), 10, 3 );
		add_action( 'woocommerce_admin_order_data_after_billing_address', array( __CLASS__, 'admin_order_box' ) );
		add_action( 'wp_enqueue_scripts', array( __CLASS__, 'classic_scripts' ) );
	}

	/**
	 * Filter: adds the gateway class.
	 *
	 * @param string[] $gateways Gateway classes.
	 * @return string[]
	 */
	public static function add_gateway( $gateways ) {
		$gateways[] = 'Smsmatch_Gateway';
		return $gateways;
	}

	/**
	 * Registers the blocks integration.
	 *
	 * @param object $registry Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry.
	 */
	public static function register_blocks( $registry ) {
		if ( ! class_exists( '\Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType' ) ) {
			return;
		}
		require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-gateway-blocks.php';
		$registry->register( new Smsmatch_Gateway_Blocks() );
	}

	/**
	 * The gateway's stored settings merged over the form defaults.
	 *
	 * @return array<string, mixed>
	 */
	public static function settings() {
		$stored   = get_option( 'woocommerce_' . Smsmatch_Gateway::ID . '_settings', array() );
		$defaults = array(
			'title'        => 'Pay with M-PESA',
			'description'  => '',
			'network'      => Smsmatch_Networks::DEFAULT_NETWORK,
			'network_name' => 'M-PESA',
			'pay_to_type'  => 'till',
			'pay_to'       => '',
			'instructions' => 'Please pay {amount} for order {order_number} to {pay_to}.',
		);
		return array_merge( $defaults, is_array( $stored ) ? $stored : array() );
	}

	/**
	 * One setting.
	 *
	 * @param string $key Setting key.
	 * @return string
	 */
	public static function setting( $key ) {
		$all = self::settings();
		return isset( $all[ $key ] ) ? (string) $all[ $key ] : '';
	}

	/**
	 * What both checkout scripts need: labels, the error text and the phone rule of the network.
	 *
	 * @param array<string, mixed> $stored Gateway settings (blocks pass their copy).
	 * @return array<string, mixed>
	 */
	public static function script_data( array $stored = array() ) {
		$s    = array_merge( self::settings(), $stored );
		$net  = Smsmatch_Networks::get( (string) $s['network'] );
		$name = '' !== trim( (string) $s['network_name'] ) ? trim( (string) $s['network_name'] ) : $net['name'];
		return array(
			'title'          => (string) $s['title'],
			'description'    => (string) $s['description'],
			/* translators: %s: network name */
			'phoneLabel'     => sprintf( __( '%s number you will pay from', 'smsmatch-dropbox' ), $name ),
			/* translators: %s: network name */
			'payerNameLabel' => sprintf( __( 'Name on that %s account, if not yours', 'smsmatch-dropbox' ), $name ),
			'phoneError'     => Smsmatch_Networks::phone_error( (string) $s['network'] ),
			'callingCode'    => $net['calling'],
			'localPattern'   => substr( $net['local'], 1, -1 ),
			'supports'       => array( 'products' ),
		);
	}

	/**
	 * Registers the shared phone rule script.
	 */
	public static function register_phone_script() {
		wp_register_script( 'smsmatch-phone', plugins_url( 'assets/smsmatch-phone.js', SMSMATCH_DROPBOX_FILE ), array(), SMSMATCH_DROPBOX_VERSION, true );
	}

	/**
	 * Classic checkout page: prefill and inline check of the number.
	 */
	public static function classic_scripts() {
		if ( ! function_exists( 'is_checkout' ) || ! is_checkout() || is_order_received_page() ) {
			return;
		}
		self::register_phone_script();
		wp_enqueue_style( 'smsmatch-panel', plugins_url( 'assets/smsmatch.css', SMSMATCH_DROPBOX_FILE ), array(), SMSMATCH_DROPBOX_VERSION );
		wp_enqueue_script( 'smsmatch-classic', plugins_url( 'assets/smsmatch-classic.js', SMSMATCH_DROPBOX_FILE ), array( 'jquery', 'smsmatch-phone' ), SMSMATCH_DROPBOX_VERSION, true );
		wp_localize_script( 'smsmatch-classic', 'smsmatchCheckout', self::script_data() );
	}

	/**
	 * The on-hold email to the customer carries the steps (as BACS's does its bank details).
	 *
	 * @param WC_Order $order         Order.
	 * @param bool     $sent_to_admin Admin copy.
	 * @param bool     $plain_text    Plain-text email.
	 */
	public static function email_instructions( $order, $sent_to_admin, $plain_text = false ) {
		if ( $sent_to_admin || ! $order instanceof WC_Order || Smsmatch_Gateway::ID !== $order->get_payment_method() || ! $order->has_status( 'on-hold' ) ) {
			return;
		}
		if ( $plain_text ) {
			echo esc_html( Smsmatch_Instructions::text( $order, self::settings() ) );
			return;
		}
		echo Smsmatch_Instructions::html( $order, self::settings(), 'email' ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in html().
	}

	/**
	 * Order screen: what the customer declared, so a person reviewing a payment sees it.
	 *
	 * @param WC_Order $order Order.
	 */
	public static function admin_order_box( $order ) {
		if ( Smsmatch_Gateway::ID !== $order->get_payment_method() ) {
			return;
		}
		$rows = array(
			__( 'Pays from', 'smsmatch-dropbox' )         => (string) $order->get_meta( Smsmatch_Order_Meta::PHONE ),
			__( 'Name on that account', 'smsmatch-dropbox' ) => (string) $order->get_meta( Smsmatch_Order_Meta::PAYER_NAME ),
			__( 'Code entered', 'smsmatch-dropbox' )      => (string) $order->get_meta( Smsmatch_Order_Meta::CODE ),
		);
		echo '<div class="smsmatch-admin-declared"><h3>' . esc_html__( 'Mobile money', 'smsmatch-dropbox' ) . '</h3>';
		foreach ( $rows as $label => $value ) {
			if ( '' !== $value ) {
				echo '<p><strong>' . esc_html( $label ) . ':</strong> ' . esc_html( $value ) . '</p>';
			}
		}
		echo '</div>';
	}
}

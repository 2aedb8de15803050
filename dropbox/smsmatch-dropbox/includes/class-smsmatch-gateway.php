<?php
/**
 * The "Pay with M-PESA" payment method: the customer pays to the shop's till, Paybill or phone and the smsmatch
 * daemon confirms the order from the payment SMS. Modelled on WooCommerce's BACS gateway: the order waits
 * on-hold (stock reduced, never auto-cancelled) until the money arrives.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Gateway id `smsmatch`; settings under WooCommerce → Settings → Payments, also over /wc/v3/payment_gateways/smsmatch.
 */
class Smsmatch_Gateway extends WC_Payment_Gateway {

	const ID = 'smsmatch';

	/**
	 * Sets up the settings and the one hook that belongs to an instance.
	 */
	public function __construct() {
		$this->id                 = self::ID;
		$this->icon               = '';
		$this->has_fields         = true;
		$this->method_title       = __( 'Pay with M-PESA (smsmatch)', 'smsmatch-dropbox' );
		$this->method_description = __( 'Customers pay to your till, Paybill or phone number; smsmatch confirms each order from the payment SMS your shop phone receives. Orders wait on hold until then.', 'smsmatch-dropbox' );
		$this->supports           = array( 'products' );

		$this->init_form_fields();
		$this->init_settings();
		$this->title       = $this->get_option( 'title' );
		$this->description = $this->get_option( 'description' );

		add_action( 'woocommerce_update_options_payment_gateways_' . $this->id, array( $this, 'process_admin_options' ) );
	}

	/**
	 * The settings form (and the REST API's schema for them).
	 */
	public function init_form_fields() {
		$this->form_fields = array(
			'enabled'      => array(
				'title'   => __( 'Enable/Disable', 'smsmatch-dropbox' ),
				'type'    => 'checkbox',
				'label'   => __( 'Offer "Pay with M-PESA" at checkout', 'smsmatch-dropbox' ),
				'default' => 'no',
			),
			'title'        => array(
				'title'       => __( 'Title', 'smsmatch-dropbox' ),
				'type'        => 'safe_text',
				'description' => __( 'What the customer sees at checkout.', 'smsmatch-dropbox' ),
				'default'     => __( 'Pay with M-PESA', 'smsmatch-dropbox' ),
				'desc_tip'    => true,
			),
			'description'  => array(
				'title'       => __( 'Description', 'smsmatch-dropbox' ),
				'type'        => 'textarea',
				'description' => __( 'Shown under the title at checkout.', 'smsmatch-dropbox' ),
				'default'     => __( 'Pay from your phone after placing the order; we confirm the payment automatically.', 'smsmatch-dropbox' ),
				'desc_tip'    => true,
			),
			'network'      => array(
				'title'       => __( 'Network', 'smsmatch-dropbox' ),
				'type'        => 'select',
				'description' => __( 'Decides which phone numbers and transaction codes are accepted.', 'smsmatch-dropbox' ),
				'default'     => Smsmatch_Networks::DEFAULT_NETWORK,
				'options'     => Smsmatch_Networks::options(),
				'desc_tip'    => true,
			),
			'network_name' => array(
				'title'       => __( 'Network name', 'smsmatch-dropbox' ),
				'type'        => 'text',
				'description' => __( 'How the network is called in the instructions, e.g. M-PESA.', 'smsmatch-dropbox' ),
				'default'     => 'M-PESA',
				'desc_tip'    => true,
			),
			'pay_to_type'  => array(
				'title'   => __( 'Customers pay to a', 'smsmatch-dropbox' ),
				'type'    => 'select',
				'default' => 'till',
				'options' => array(
					'till'    => __( 'Till number (Buy Goods)', 'smsmatch-dropbox' ),
					'paybill' => __( 'Paybill (the account is the order number)', 'smsmatch-dropbox' ),
					'phone'   => __( 'Phone number (Send Money)', 'smsmatch-dropbox' ),
				),
			),
			'pay_to'       => array(
				'title'       => __( 'Till, Paybill or phone number', 'smsmatch-dropbox' ),
				'type'        => 'text',
				'description' => __( 'The number customers pay to: 5 to 7 digits for a till or Paybill, or the phone number.', 'smsmatch-dropbox' ),
				'default'     => '',
				'desc_tip'    => true,
			),
			'instructions' => array(
				'title'       => __( 'Instructions', 'smsmatch-dropbox' ),
				'type'        => 'textarea',
				'description' => __( 'Shown above the numbered steps on the order page and in the on-hold email. Placeholders: {amount}, {order_number}, {pay_to}.', 'smsmatch-dropbox' ),
				'default'     => __( 'Please pay {amount} for order {order_number} to {pay_to}.', 'smsmatch-dropbox' ),
				'desc_tip'    => false,
			),
		);
	}

	/**
	 * Pay-to number: digits only for a till or Paybill; a phone is stored as typed if it normalises.
	 *
	 * @param string $key   Field key.
	 * @param string $value Posted value.
	 * @return string
	 */
	public function validate_pay_to_field( $key, $value ) {
		$value = trim( preg_replace( '/\s+/', ' ', (string) $value ) );
		if ( '' === $value ) {
			return '';
		}
		$type = $this->posted_setting( 'pay_to_type', $this->get_option( 'pay_to_type', 'till' ) );
		if ( 'phone' === $type ) {
			$network = $this->posted_setting( 'network', $this->get_option( 'network' ) );
			if ( null === Smsmatch_Networks::normalise_phone( $value, $network ) ) {
				WC_Admin_Settings::add_error( Smsmatch_Networks::phone_error( $network ) );
				return (string) $this->get_option( $key );
			}
			return $value;
		}
		$digits = preg_replace( '/\s+/', '', $value );
		if ( ! preg_match( '/^\d{5,7}$/', $digits ) ) {
			WC_Admin_Settings::add_error( __( 'The till or Paybill number must be 5 to 7 digits.', 'smsmatch-dropbox' ) );
			return (string) $this->get_option( $key );
		}
		return $digits;
	}

	/**
	 * A setting being saved in the same form post, else the stored one.
	 *
	 * @param string $key      Field key.
	 * @param string $fallback Stored value.
	 * @return string
	 */
	private function posted_setting( $key, $fallback ) {
		$data  = $this->get_post_data();
		$field = $this->get_field_key( $key );
		return isset( $data[ $field ] ) ? sanitize_key( wp_unslash( $data[ $field ] ) ) : (string) $fallback;
	}

	/**
	 * Not offered until the owner has said where to pay.
	 *
	 * @return bool
	 */
	public function is_available() {
		return parent::is_available() && '' !== trim( (string) $this->get_option( 'pay_to' ) );
	}

	/**
	 * The settings the instructions and the checkout need, with defaults.
	 *
	 * @return array<string, mixed>
	 */
	public function settings_for_display() {
		return array(
			'network'      => (string) $this->get_option( 'network' ),
			'network_name' => (string) $this->get_option( 'network_name' ),
			'pay_to_type'  => (string) $this->get_option( 'pay_to_type' ),
			'pay_to'       => (string) $this->get_option( 'pay_to' ),
			'instructions' => (string) $this->get_option( 'instructions' ),
		);
	}

	/**
	 * Classic checkout: the description and the two fields (the JS prefills and checks the number).
	 */
	public function payment_fields() {
		if ( $this->description ) {
			echo wp_kses_post( wpautop( wptexturize( $this->description ) ) );
		}
		// Keep what the customer typed when WooCommerce re-renders the payment box.
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- read-only echo of the customer's own input; WooCommerce checks the checkout nonce.
		$phone = isset( $_POST['smsmatch_phone'] ) ? sanitize_text_field( wp_unslash( $_POST['smsmatch_phone'] ) ) : '';
		$name  = isset( $_POST['smsmatch_payer_name'] ) ? sanitize_text_field( wp_unslash( $_POST['smsmatch_payer_name'] ) ) : '';
		// phpcs:enable
		$net = Smsmatch_Networks::get( (string) $this->get_option( 'network' ) );
		$lbl = (string) $this->get_option( 'network_name', $net['name'] );
		printf(
			'<fieldset id="smsmatch-fields" class="smsmatch-fields" data-network="%1$s">'
			. '<p class="form-row form-row-wide validate-required"><label for="smsmatch_phone">%2$s <abbr class="required" title="required">*</abbr></label>'
			. '<input id="smsmatch_phone" name="smsmatch_phone" class="input-text" type="tel" autocomplete="tel" inputmode="tel" value="%3$s" aria-describedby="smsmatch_phone_error" />'
			. '<span id="smsmatch_phone_error" class="smsmatch-field-error" role="alert" hidden></span></p>'
			. '<p class="form-row form-row-wide"><label for="smsmatch_payer_name">%4$s <span class="optional">(%5$s)</span></label>'
			. '<input id="smsmatch_payer_name" name="smsmatch_payer_name" class="input-text" type="text" autocomplete="off" maxlength="100" value="%6$s" /></p>'
			. '</fieldset>',
			esc_attr( (string) $this->get_option( 'network' ) ),
			/* translators: %s: network name, e.g. M-PESA */
			esc_html( sprintf( __( '%s number you will pay from', 'smsmatch-dropbox' ), $lbl ) ),
			esc_attr( $phone ),
			/* translators: %s: network name */
			esc_html( sprintf( __( 'Name on that %s account, if not yours', 'smsmatch-dropbox' ), $lbl ) ),
			esc_html__( 'optional', 'smsmatch-dropbox' ),
			esc_attr( $name )
		);
	}

	/**
	 * Server-side check of the number (classic post and the Store API's payment_data alike). An empty field is
	 * allowed here: process_payment falls back to the billing phone, which the Store API path does not post.
	 *
	 * @return bool
	 */
	public function validate_fields() {
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- WooCommerce verified the checkout nonce (or the Store API its token).
		$raw = isset( $_POST['smsmatch_phone'] ) ? wp_unslash( $_POST['smsmatch_phone'] ) : '';
		if ( ! is_scalar( $raw ) ) {
			$raw = 'x';
		}
		if ( '' !== trim( (string) $raw ) && null === Smsmatch_Networks::normalise_phone( (string) $raw, (string) $this->get_option( 'network' ) ) ) {
			wc_add_notice( Smsmatch_Networks::phone_error( (string) $this->get_option( 'network' ) ), 'error', array( 'id' => 'smsmatch_phone' ) );
			return false;
		}
		return true;
	}

	/**
	 * Records who pays from where, puts the order on hold as BACS does, empties the cart.
	 *
	 * @param int $order_id Order id.
	 * @return array{result: string, redirect?: string}
	 */
	public function process_payment( $order_id ) {
		$order   = wc_get_order( $order_id );
		$network = (string) $this->get_option( 'network' );
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- see validate_fields.
		$raw  = isset( $_POST['smsmatch_phone'] ) && is_scalar( $_POST['smsmatch_phone'] ) ? trim( (string) wp_unslash( $_POST['smsmatch_phone'] ) ) : '';
		$name = isset( $_POST['smsmatch_payer_name'] ) ? Smsmatch_Order_Meta::clean_name( wp_unslash( $_POST['smsmatch_payer_name'] ) ) : '';
		// phpcs:enable
		if ( '' === $raw ) {
			$raw = (string) $order->get_billing_phone();
		}
		$phone = Smsmatch_Networks::normalise_phone( $raw, $network );
		if ( null === $phone ) {
			wc_add_notice( Smsmatch_Networks::phone_error( $network ), 'error', array( 'id' => 'smsmatch_phone' ) );
			return array( 'result' => 'failure' );
		}
		Smsmatch_Order_Meta::set_declaration( $order, $phone, $name );
		if ( $order->get_total() > 0 ) {
			$who = '' !== $name ? sprintf( ' by %s', $name ) : '';
			/* translators: 1: network name, 2: phone, 3: " by <name>" or "" */
			$order->update_status( 'on-hold', sprintf( __( 'Awaiting %1$s payment from %2$s%3$s.', 'smsmatch-dropbox' ), $this->get_option( 'network_name', 'M-PESA' ), $phone, $who ) );
		} else {
			$order->save();
			$order->payment_complete();
		}
		if ( function_exists( 'WC' ) && WC()->cart ) {
			WC()->cart->empty_cart();
		}
		return array(
			'result'   => 'success',
			'redirect' => $this->get_return_url( $order ),
		);
	}
}

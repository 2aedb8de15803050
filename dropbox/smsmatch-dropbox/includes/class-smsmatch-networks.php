<?php
/**
 * The mobile-money networks the checkout knows: how their phone numbers and transaction codes look.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Phone normalisation and code-shape checks per network. Pure functions: no WordPress calls, so the same
 * rules apply in the gateway, the REST routes and (mirrored in JS) the checkout form.
 */
class Smsmatch_Networks {

	/**
	 * Known networks. `local` is the national number after the trunk 0 (e.g. 7xx / 1xx in Kenya);
	 * `code` is the shape of the transaction code printed in the payment SMS.
	 *
	 * @var array<string, array{label: string, name: string, calling: string, local: string, code: string, code_example: string}>
	 */
	const NETWORKS = array(
		'mpesa-ke'  => array(
			'label'        => 'M-PESA (Kenya, Safaricom)',
			'name'         => 'M-PESA',
			'calling'      => '254',
			'local'        => '/^[17]\d{8}$/',
			'code'         => '/^[A-Z][A-Z0-9]{9}$/',
			'code_example' => 'TJK4ABC12X',
		),
		'airtel-ke' => array(
			'label'        => 'Airtel Money (Kenya)',
			'name'         => 'Airtel Money',
			'calling'      => '254',
			'local'        => '/^[17]\d{8}$/',
			'code'         => '/^[A-Z0-9]{2,}(\.[A-Z0-9]+)*$/',
			'code_example' => 'MP260307.1432.A12345',
		),
		'mpesa-tz'  => array(
			'label'        => 'M-Pesa (Tanzania, Vodacom)',
			'name'         => 'M-Pesa',
			'calling'      => '255',
			'local'        => '/^[67]\d{8}$/',
			'code'         => '/^[A-Z0-9]{10}$/',
			'code_example' => '9FK3L2AB1C',
		),
	);

	const DEFAULT_NETWORK = 'mpesa-ke';

	/**
	 * The definition of a network id; unknown ids fall back to M-PESA Kenya.
	 *
	 * @param string $id Network id.
	 * @return array{label: string, name: string, calling: string, local: string, code: string, code_example: string}
	 */
	public static function get( $id ) {
		return isset( self::NETWORKS[ $id ] ) ? self::NETWORKS[ $id ] : self::NETWORKS[ self::DEFAULT_NETWORK ];
	}

	/**
	 * Id => label, for the settings select.
	 *
	 * @return array<string, string>
	 */
	public static function options() {
		$out = array();
		foreach ( self::NETWORKS as $id => $net ) {
			$out[ $id ] = $net['label'];
		}
		return $out;
	}

	/**
	 * `0712 345 678`, `0112345678`, `254712345678`, `+254 712 345 678`, `712345678` → `+254712345678`;
	 * anything else (letters, wrong length, another country) → null.
	 *
	 * @param string $raw     What the customer typed.
	 * @param string $network Network id.
	 * @return string|null E.164 number, or null when it is not a number of this network's country.
	 */
	public static function normalise_phone( $raw, $network ) {
		$net = self::get( $network );
		$s   = preg_replace( '/[\s\-().]/u', '', (string) $raw );
		if ( null === $s || ! preg_match( '/^\+?\d+$/', $s ) ) {
			return null;
		}
		$s  = ltrim( $s, '+' );
		$cc = $net['calling'];
		if ( 0 === strpos( $s, '00' . $cc ) ) {
			$s = substr( $s, 2 );
		}
		if ( 0 === strpos( $s, $cc ) && strlen( $s ) > strlen( $cc ) + 8 ) {
			$local = substr( $s, strlen( $cc ) );
		} elseif ( 0 === strpos( $s, '0' ) ) {
			$local = substr( $s, 1 );
		} else {
			$local = $s;
		}
		// `+254 0712…`: a trunk 0 written after the country code.
		if ( 10 === strlen( $local ) && '0' === $local[0] ) {
			$local = substr( $local, 1 );
		}
		return preg_match( $net['local'], $local ) ? '+' . $cc . $local : null;
	}

	/**
	 * The error shown for a number that does not normalise, naming the accepted forms.
	 *
	 * @param string $network Network id.
	 * @return string
	 */
	public static function phone_error( $network ) {
		$net = self::get( $network );
		if ( '254' === $net['calling'] ) {
			return sprintf( 'Enter the %s number you will pay from as 07… or 01… (10 digits), 254… or +254…; spaces are fine.', $net['name'] );
		}
		return sprintf( 'Enter the %1$s number you will pay from as 0… (10 digits) or +%2$s…; spaces are fine.', $net['name'], $net['calling'] );
	}

	/**
	 * A transaction code as the customer typed it, upper-cased and without spaces; null when it cannot be one.
	 *
	 * @param string $raw     Typed code.
	 * @param string $network Network id.
	 * @return string|null
	 */
	public static function normalise_code( $raw, $network ) {
		$code = strtoupper( preg_replace( '/\s+/u', '', (string) $raw ) );
		if ( strlen( $code ) > 40 ) {
			return null;
		}
		return preg_match( self::get( $network )['code'], $code ) ? $code : null;
	}

	/**
	 * The error for a code of the wrong shape, with an example of the right one.
	 *
	 * @param string $network Network id.
	 * @return string
	 */
	public static function code_error( $network ) {
		$net = self::get( $network );
		return sprintf( 'That does not look like an %1$s transaction code: copy it from the confirmation SMS, e.g. %2$s.', $net['name'], $net['code_example'] );
	}
}

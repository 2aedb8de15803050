<?php
/**
 * Parses what SMSsync sends: raw query strings and bodies in form, JSON or XML encoding.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Pure parsing helpers; no WordPress state.
 */
class Smsmatch_Dropbox_Body_Parser {

	/**
	 * Splits a raw query string on '&' and on stray '?' (the app appends "?task=…" literally). First value wins.
	 *
	 * @param string $raw The undecoded query string.
	 * @return array<string, string>
	 */
	public static function parse_query( $raw ) {
		return self::parse_pairs( preg_split( '/[&?]/', (string) $raw ) );
	}

	/**
	 * Fields of a request body, sniffed by its first character: '{' JSON, '<' XML, else form-urlencoded.
	 *
	 * @param string $body Raw body.
	 * @return array<string, string>
	 */
	public static function parse_body( $body ) {
		$body    = (string) $body;
		$trimmed = ltrim( preg_replace( '/^\xEF\xBB\xBF/', '', $body ) );
		if ( '' === $trimmed ) {
			return array();
		}
		if ( '{' === $trimmed[0] ) {
			return self::parse_json( $trimmed );
		}
		if ( '<' === $trimmed[0] ) {
			return self::parse_xml( $trimmed );
		}
		return self::parse_pairs( explode( '&', $body ) );
	}

	/**
	 * The whole JSON body decoded (for task=sent / task=result, whose values are arrays).
	 *
	 * @param string $body Raw body.
	 * @return array
	 */
	public static function decode_json( $body ) {
		$data = json_decode( trim( (string) $body ), true );
		return is_array( $data ) ? $data : array();
	}

	/**
	 * Decodes "key=value" pairs; '+' is a space as in application/x-www-form-urlencoded.
	 *
	 * @param string[] $pairs Undecoded pairs.
	 * @return array<string, string>
	 */
	private static function parse_pairs( array $pairs ) {
		$fields = array();
		foreach ( $pairs as $pair ) {
			if ( '' === $pair ) {
				continue;
			}
			$parts = explode( '=', $pair, 2 );
			$key   = urldecode( $parts[0] );
			if ( '' === $key || array_key_exists( $key, $fields ) ) {
				continue;
			}
			$fields[ $key ] = isset( $parts[1] ) ? urldecode( $parts[1] ) : '';
		}
		return $fields;
	}

	/**
	 * A flat JSON object; only scalar values are kept, as strings.
	 *
	 * @param string $body JSON text.
	 * @return array<string, string>
	 */
	private static function parse_json( $body ) {
		$fields = array();
		foreach ( self::decode_json( $body ) as $key => $value ) {
			if ( is_string( $value ) || is_int( $value ) || is_float( $value ) ) {
				$fields[ (string) $key ] = (string) $value;
			} elseif ( is_bool( $value ) ) {
				$fields[ (string) $key ] = $value ? 'true' : 'false';
			}
		}
		return $fields;
	}

	/**
	 * The children of the root element (<payload>…</payload>), first occurrence wins.
	 * No DTDs at all (blocks entity expansion attacks) and no network access.
	 *
	 * @param string $body XML text.
	 * @return array<string, string>
	 */
	private static function parse_xml( $body ) {
		if ( false !== stripos( $body, '<!DOCTYPE' ) || false !== stripos( $body, '<!ENTITY' ) ) {
			return array();
		}
		$previous = libxml_use_internal_errors( true );
		if ( PHP_VERSION_ID < 80000 ) {
			// phpcs:ignore PHPCompatibility.FunctionUse.RemovedFunctions.libxml_disable_entity_loaderDeprecated
			$loader = libxml_disable_entity_loader( true );
		}
		$xml = simplexml_load_string( $body, 'SimpleXMLElement', LIBXML_NONET | LIBXML_NOCDATA );
		if ( PHP_VERSION_ID < 80000 ) {
			libxml_disable_entity_loader( $loader ); // phpcs:ignore PHPCompatibility.FunctionUse.RemovedFunctions.libxml_disable_entity_loaderDeprecated
		}
		libxml_clear_errors();
		libxml_use_internal_errors( $previous );
		if ( false === $xml ) {
			return array();
		}
		$fields = array();
		foreach ( $xml->children() as $child ) {
			$key = $child->getName();
			if ( ! array_key_exists( $key, $fields ) ) {
				$fields[ $key ] = (string) $child;
			}
		}
		return $fields;
	}
}

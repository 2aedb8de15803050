/* smsmatch: the checkout's phone rule, shared by the block and classic scripts (mirrors Smsmatch_Networks::normalise_phone). */
( function ( root ) {
	'use strict';
	/**
	 * `0712 345 678`, `254712345678`, `+254 712 345 678` → `+254712345678`; anything else → null.
	 * @param {string} raw What the customer typed.
	 * @param {{callingCode: string, localPattern: string}} net The network's calling code and national-number pattern.
	 * @return {string|null}
	 */
	function normalisePhone( raw, net ) {
		var s = String( raw || '' ).replace( /[\s\-().]/g, '' );
		if ( ! /^\+?\d+$/.test( s ) ) {
			return null;
		}
		s = s.replace( /^\+/, '' );
		var cc = net.callingCode;
		if ( s.indexOf( '00' + cc ) === 0 ) {
			s = s.slice( 2 );
		}
		var local;
		if ( s.indexOf( cc ) === 0 && s.length > cc.length + 8 ) {
			local = s.slice( cc.length );
		} else if ( s.charAt( 0 ) === '0' ) {
			local = s.slice( 1 );
		} else {
			local = s;
		}
		if ( local.length === 10 && local.charAt( 0 ) === '0' ) {
			local = local.slice( 1 );
		}
		return new RegExp( net.localPattern ).test( local ) ? '+' + cc + local : null;
	}
	root.smsmatchPhone = { normalise: normalisePhone };
} )( window );

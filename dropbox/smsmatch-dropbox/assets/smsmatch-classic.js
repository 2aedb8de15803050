/* smsmatch: the classic checkout form: prefill the M-PESA number from the billing phone and check it inline. */
( function ( $ ) {
	'use strict';
	var data = window.smsmatchCheckout || {};
	var edited = false;

	function field() { return $( '#smsmatch_phone' ); }

	function showError( message ) {
		var box = $( '#smsmatch_phone_error' );
		var row = field().closest( '.form-row' );
		if ( message ) {
			box.text( message ).prop( 'hidden', false );
			row.addClass( 'woocommerce-invalid' ).removeClass( 'woocommerce-validated' );
		} else {
			box.text( '' ).prop( 'hidden', true );
			row.removeClass( 'woocommerce-invalid' );
		}
	}

	function check() {
		var ok = window.smsmatchPhone.normalise( field().val(), data ) !== null;
		showError( ok ? '' : data.phoneError );
		return ok;
	}

	// WooCommerce may have marked the row "required" while the field was still empty (it validates the form's fields
	// after some updates), and a value set by script fires no event: let it and our own check look again.
	function setValue( value ) {
		field().val( value );
		if ( value ) {
			field().trigger( 'validate' );
		}
		if ( ! $( '#smsmatch_phone_error' ).prop( 'hidden' ) ) {
			check();
		}
	}

	function prefill() {
		if ( ! edited && field().length && ! field().val() ) {
			setValue( $( '#billing_phone' ).val() || '' );
		}
	}

	$( document.body )
		.on( 'updated_checkout payment_method_selected', prefill )
		.on( 'input change', '#billing_phone', function () {
			if ( ! edited ) {
				setValue( $( this ).val() );
			}
		} )
		.on( 'input', '#smsmatch_phone', function () {
			edited = true;
			if ( ! $( '#smsmatch_phone_error' ).prop( 'hidden' ) ) {
				check();
			}
		} )
		.on( 'blur', '#smsmatch_phone', check );

	// WooCommerce asks each method before submitting; false keeps the form open with the error shown.
	$( 'form.checkout' ).on( 'checkout_place_order_smsmatch', function () {
		if ( ! field().val() ) {
			prefill();
		}
		return check();
	} );
	$( prefill );
} )( jQuery );

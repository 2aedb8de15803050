/* smsmatch: "Pay with M-PESA" in the Checkout block. Plain JS on window.wc / window.wp (no build step). */
( function ( wc, wp ) {
	'use strict';
	var registry = wc.wcBlocksRegistry;
	var settings = wc.wcSettings;
	var el = wp.element;
	var h = el.createElement;
	var decode = wp.htmlEntities.decodeEntities;
	var data = settings.getSetting( 'smsmatch_data', {} );
	var phone = window.smsmatchPhone;

	function billingPhone( props ) {
		var address = props.billing && props.billing.billingAddress;
		if ( address && address.phone ) {
			return address.phone;
		}
		// Older props shapes: read the cart store's customer data.
		try {
			var customer = wp.data.select( 'wc/store/cart' ).getCustomerData();
			return ( customer && customer.billingAddress && customer.billingAddress.phone ) || '';
		} catch ( e ) {
			return '';
		}
	}

	function TextField( p ) {
		var cls = 'wc-block-components-text-input smsmatch-input' + ( p.value ? ' is-active' : '' ) + ( p.error ? ' has-error' : '' );
		return h(
			'div',
			{ className: cls },
			h( 'input', {
				id: p.id,
				type: p.type,
				value: p.value,
				autoComplete: p.autoComplete,
				inputMode: p.inputMode,
				maxLength: p.maxLength,
				'aria-invalid': p.error ? 'true' : 'false',
				'aria-describedby': p.error ? p.id + '-error' : undefined,
				onChange: function ( e ) { p.onChange( e.target.value ); },
				onBlur: p.onBlur,
			} ),
			h( 'label', { htmlFor: p.id }, p.label ),
			p.error ? h( 'div', { className: 'wc-block-components-validation-error', role: 'alert', id: p.id + '-error' }, h( 'p', null, p.error ) ) : null
		);
	}

	function Content( props ) {
		var fromBilling = billingPhone( props );
		var st = el.useState( fromBilling );
		var value = st[ 0 ];
		var setValue = st[ 1 ];
		var edited = el.useState( false );
		var nameSt = el.useState( '' );
		var errSt = el.useState( '' );
		var error = errSt[ 0 ];
		var setError = errSt[ 1 ];

		// Follow the billing phone until the customer types their own number.
		el.useEffect( function () {
			if ( ! edited[ 0 ] && fromBilling !== value ) {
				setValue( fromBilling );
			}
		}, [ fromBilling ] );

		function check( v ) {
			var ok = phone.normalise( v, data ) !== null;
			setError( ok ? '' : data.phoneError );
			return ok;
		}

		el.useEffect( function () {
			return props.eventRegistration.onPaymentSetup( function () {
				var types = props.emitResponse.responseTypes;
				if ( ! check( value ) ) {
					return { type: types.ERROR, message: data.phoneError, messageContext: props.emitResponse.noticeContexts.PAYMENTS };
				}
				return { type: types.SUCCESS, meta: { paymentMethodData: { smsmatch_phone: value, smsmatch_payer_name: nameSt[ 0 ] } } };
			} );
		}, [ props.eventRegistration.onPaymentSetup, value, nameSt[ 0 ] ] );

		return h(
			'div',
			{ className: 'smsmatch-block-fields' },
			data.description ? h( 'p', { className: 'smsmatch-description' }, decode( data.description ) ) : null,
			h( TextField, {
				id: 'smsmatch-phone',
				type: 'tel',
				label: data.phoneLabel,
				value: value,
				autoComplete: 'tel',
				inputMode: 'tel',
				error: error,
				onChange: function ( v ) {
					edited[ 1 ]( true );
					setValue( v );
					if ( error ) {
						check( v );
					}
				},
				onBlur: function () { check( value ); },
			} ),
			h( TextField, {
				id: 'smsmatch-payer-name',
				type: 'text',
				label: data.payerNameLabel,
				value: nameSt[ 0 ],
				autoComplete: 'off',
				maxLength: 100,
				onChange: nameSt[ 1 ],
			} )
		);
	}

	var label = decode( data.title || 'Pay with M-PESA' );
	registry.registerPaymentMethod( {
		name: 'smsmatch',
		label: h( 'span', { className: 'smsmatch-label' }, label ),
		ariaLabel: label,
		content: h( Content, null ),
		edit: h( 'div', null, decode( data.description || '' ) ),
		canMakePayment: function () { return true; },
		supports: { features: data.supports || [ 'products' ] },
	} );
} )( window.wc, window.wp );

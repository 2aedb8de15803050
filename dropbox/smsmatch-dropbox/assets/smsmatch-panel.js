/* smsmatch: keeps the order page's payment panel live (polls the order-status route, backing off) and sends codes. */
( function () {
	'use strict';
	var text = window.smsmatchPanel || {};
	var FIRST_DELAY = 3000;
	var MAX_DELAY = 30000;
	var GIVE_UP_AFTER = 15 * 60 * 1000;

	function start( panel ) {
		var status = panel.querySelector( '.smsmatch-panel-status' );
		var form = panel.querySelector( '.smsmatch-code-form' );
		var message = panel.querySelector( '.smsmatch-code-message' );
		var delay = FIRST_DELAY;
		var began = Date.now();
		var timer = null;
		// Paid or closed (cancelled, refunded, failed) when the page was made: nothing to wait for.
		var done = panel.getAttribute( 'data-paid' ) === '1' || panel.getAttribute( 'data-closed' ) === '1';

		function finish( body ) {
			done = true;
			// My account → order states the status above the panel ("is currently On hold"): keep it true.
			var mark = document.querySelector( '.woocommerce-MyAccount-content mark.order-status' );
			if ( mark && text.statuses && text.statuses[ body.status ] ) {
				mark.textContent = text.statuses[ body.status ];
			}
			panel.classList.remove( 'is-waiting', 'is-stopped' );
			if ( body.paid ) {
				panel.classList.add( 'is-paid' );
				status.textContent = text.paid;
				if ( form ) {
					form.hidden = true;
				}
				var steps = document.querySelector( '.smsmatch-instructions' );
				if ( steps ) {
					steps.hidden = true;
				}
			} else {
				panel.classList.add( 'is-closed' );
				status.textContent = text.cancelled;
			}
		}

		function schedule() {
			if ( done ) {
				return;
			}
			if ( Date.now() - began > GIVE_UP_AFTER ) {
				panel.classList.add( 'is-stopped' );
				status.textContent = text.stopped;
				timer = null;
				return;
			}
			timer = window.setTimeout( poll, delay );
			delay = Math.min( MAX_DELAY, Math.round( delay * 1.5 ) );
		}

		function poll() {
			timer = null;
			window.fetch( panel.getAttribute( 'data-status-url' ), { credentials: 'omit', cache: 'no-store' } )
				.then( function ( r ) { return r.ok ? r.json() : null; } )
				.then( function ( body ) {
					if ( body && ( body.paid || body.status === 'cancelled' || body.status === 'refunded' || body.status === 'failed' ) ) {
						finish( body );
					} else {
						schedule();
					}
				}, schedule );
		}

		// A code or a returning visitor restarts a stopped poll from the quick end.
		function restart() {
			if ( done ) {
				return;
			}
			if ( timer ) {
				window.clearTimeout( timer );
			}
			began = Date.now();
			delay = FIRST_DELAY;
			panel.classList.remove( 'is-stopped' );
			status.textContent = text.waiting;
			schedule();
		}

		if ( form ) {
			form.addEventListener( 'submit', function ( e ) {
				e.preventDefault();
				var input = form.querySelector( 'input[name="code"]' );
				message.textContent = text.sending;
				message.className = 'smsmatch-code-message';
				window.fetch( panel.getAttribute( 'data-code-url' ), {
					method: 'POST',
					credentials: 'omit',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify( { order: Number( panel.getAttribute( 'data-order' ) ), key: panel.getAttribute( 'data-key' ), code: input.value } ),
				} )
					.then( function ( r ) { return r.json().then( function ( b ) { return { ok: r.ok, body: b }; } ); } )
					.then( function ( res ) {
						message.textContent = res.body && res.body.message ? res.body.message : text.offline;
						message.className = 'smsmatch-code-message ' + ( res.ok ? 'is-ok' : 'is-error' );
						if ( res.ok && res.body.paid ) {
							finish( res.body );
						} else if ( res.ok ) {
							restart();
						}
					}, function () {
						message.textContent = text.offline;
						message.className = 'smsmatch-code-message is-error';
					} );
			} );
		}
		document.addEventListener( 'visibilitychange', function () {
			if ( document.visibilityState === 'visible' && panel.classList.contains( 'is-stopped' ) ) {
				restart();
			}
		} );
		if ( ! done ) {
			schedule();
		}
	}

	function init() {
		var panels = document.querySelectorAll( '.smsmatch-panel' );
		for ( var i = 0; i < panels.length; i++ ) {
			start( panels[ i ] );
		}
	}
	if ( document.readyState === 'loading' ) {
		document.addEventListener( 'DOMContentLoaded', init );
	} else {
		init();
	}
} )();

/* smsmatch: WooCommerce → Mobile money and the order box. Plain JS, no build step.
 * - fills the "Confirm for order #" datalist from GET admin/orders as the owner types;
 * - turns queued rows into done / failed by polling GET admin/actions/ID;
 * - the order box's Confirm button queues through POST admin/actions. */
(function () {
	'use strict';
	var cfg = window.smsmatchAdmin;
	if (!cfg) {
		return;
	}

	function api(path, options) {
		options = options || {};
		options.credentials = 'same-origin';
		options.headers = Object.assign({ 'X-WP-Nonce': cfg.nonce, Accept: 'application/json' }, options.headers || {});
		return fetch(cfg.rest + path, options).then(function (res) {
			return res.json().then(function (body) {
				if (!res.ok) {
					throw new Error(body && body.message ? body.message : 'HTTP ' + res.status);
				}
				return body;
			});
		});
	}

	function orderSearch(input) {
		var list = document.getElementById(input.getAttribute('list'));
		var timer = null;
		input.addEventListener('input', function () {
			clearTimeout(timer);
			timer = setTimeout(function () {
				api('orders?search=' + encodeURIComponent(input.value.trim())).then(function (body) {
					list.textContent = '';
					body.orders.forEach(function (o) {
						var option = document.createElement('option');
						option.value = String(o.id);
						option.label = '#' + o.number + ' ' + o.name + ', ' + o.total + ', ' + o.status;
						option.textContent = option.label;
						list.appendChild(option);
					});
				}).catch(function () { /* typing the number still works */ });
			}, 250);
		});
	}

	function show(el, action) {
		el.dataset.status = action.status;
		el.dataset.actionId = String(action.id);
		el.className = 'smsmatch-status smsmatch-status-' + action.status;
		el.textContent = '';
		var strong = document.createElement('strong');
		strong.textContent = cfg.labels[action.status] || action.status;
		el.appendChild(strong);
		el.appendChild(document.createTextNode(' (#' + action.id + '): ' + (action.detail || '')));
	}

	function poll(el) {
		var tries = 0;
		function tick() {
			api('actions/' + el.dataset.actionId).then(function (action) {
				if (action.status === 'queued') {
					if (++tries < 300) {
						setTimeout(tick, 2000);
					}
					return;
				}
				show(el, action);
			}).catch(function () {
				setTimeout(tick, 5000);
			});
		}
		setTimeout(tick, 1500);
	}

	function restAssign(button) {
		button.addEventListener('click', function () {
			var el = button.parentNode.querySelector('.smsmatch-status');
			button.disabled = true;
			api('actions', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ action: 'assign', code: button.dataset.code, order: button.dataset.order })
			}).then(function (body) {
				show(el, { id: body.id, status: 'queued', detail: body.message || '' });
				poll(el);
			}).catch(function (error) {
				button.disabled = false;
				el.className = 'smsmatch-status smsmatch-status-failed';
				el.textContent = error.message;
			});
		});
	}

	document.querySelectorAll('.smsmatch-order-search').forEach(orderSearch);
	document.querySelectorAll('.smsmatch-status[data-status="queued"]').forEach(poll);
	document.querySelectorAll('.smsmatch-rest-assign').forEach(restAssign);
})();

// The simulated WhatsApp customer: sends through /sandbox/meta/customer/messages and shows what became of each message.
(() => {
	'use strict';

	const $ = (id) => document.getElementById(id);
	const from = $('from');
	const name = $('name');
	const message = $('message');
	const send = $('send');
	const transcript = $('transcript');
	const status = $('status');

	let sent = [];
	let sending = [];
	let inGenesys = new Set();

	function el(tag, className, text) {
		const node = document.createElement(tag);
		if (className) node.className = className;
		if (text !== undefined && text !== null) node.textContent = String(text);
		return node;
	}

	function customer() {
		return from.value.trim();
	}

	function validCustomer() {
		return /^[0-9]{6,15}$/.test(customer());
	}

	function stateOf(m) {
		if (m.pending) return ['pending', 'sending…'];
		if (m.webhookStatus === null || m.webhookStatus === undefined) {
			return ['bad', 'not delivered: ' + (m.webhookError || 'the app could not be reached')];
		}
		if (m.webhookStatus >= 200 && m.webhookStatus < 300) {
			return inGenesys.has(m.wamid)
				? ['ok', '✓✓ app answered ' + m.webhookStatus + ' · reached Genesys']
				: ['ok', '✓ app answered ' + m.webhookStatus];
		}
		return ['bad', 'app answered HTTP ' + m.webhookStatus];
	}

	function time(value) {
		const date = value ? new Date(value) : new Date();
		return isNaN(date) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
	}

	function render() {
		const nearBottom = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
		const all = sent.concat(sending);
		transcript.replaceChildren();
		if (all.length === 0) {
			transcript.append(el('p', 'empty', 'No messages yet. Say hello.'));
			return;
		}
		for (const m of all) {
			const bubble = el('div', 'bubble message');
			if (m.wamid) bubble.dataset.wamid = m.wamid;
			const [kind, label] = stateOf(m);
			bubble.dataset.state = kind;
			bubble.append(el('p', 'text', m.text));
			const meta = el('p', 'meta');
			meta.append(el('time', 'time', time(m.timestamp)), document.createTextNode(' · '), el('span', 'state ' + kind, label));
			bubble.append(meta);
			transcript.append(bubble);
		}
		if (nearBottom || sending.length > 0) transcript.scrollTop = transcript.scrollHeight;
	}

	async function load() {
		if (!validCustomer()) {
			sent = [];
			render();
			return;
		}
		try {
			const response = await fetch('/sandbox/meta/customer/messages?from=' + encodeURIComponent(customer()));
			if (response.ok) {
				sent = await response.json();
				render();
			}
		} catch (e) {
			status.textContent = 'Could not load the transcript: ' + e.message;
		}
	}

	async function pollGenesys() {
		if (!validCustomer()) return;
		try {
			const response = await fetch('/sandbox/genesys/control/received?kind=message&fromId=' + encodeURIComponent(customer()));
			if (!response.ok) return;
			const entries = await response.json();
			const ids = new Set(entries.map((e) => e.body && e.body.channel && e.body.channel.messageId).filter(Boolean));
			if (ids.size !== inGenesys.size || [...ids].some((id) => !inGenesys.has(id))) {
				inGenesys = ids;
				render();
			}
		} catch (e) {
			// the next poll tries again
		}
	}

	async function submit(event) {
		event.preventDefault();
		const text = message.value;
		if (!text.trim()) return;
		if (!validCustomer()) {
			status.textContent = 'The phone number must be 6 to 15 digits, without +.';
			status.className = 'hint error';
			from.focus();
			return;
		}
		const pending = { pending: true, text: text, timestamp: new Date().toISOString() };
		sending.push(pending);
		message.value = '';
		send.disabled = true;
		status.textContent = '';
		status.className = 'hint';
		render();
		try {
			const response = await fetch('/sandbox/meta/customer/messages', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
				body: JSON.stringify({ from: customer(), name: name.value.trim(), text: text })
			});
			const body = await response.json().catch(() => ({}));
			if (!response.ok) {
				status.textContent = 'Not sent: ' + (body.detail || ('HTTP ' + response.status));
				status.className = 'hint error';
				message.value = text;
			}
		} catch (e) {
			status.textContent = 'Not sent: ' + e.message;
			status.className = 'hint error';
			message.value = text;
		} finally {
			sending = sending.filter((m) => m !== pending);
			send.disabled = false;
			await load();
			message.focus();
		}
	}

	$('composer').addEventListener('submit', submit);
	message.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && !event.shiftKey) {
			event.preventDefault();
			$('composer').requestSubmit();
		}
	});
	$('identity').addEventListener('submit', (event) => event.preventDefault());
	from.addEventListener('change', () => {
		inGenesys = new Set();
		load();
		pollGenesys();
	});

	load();
	pollGenesys();
	setInterval(pollGenesys, 2000);
})();

// The simulated WhatsApp customer: sends through /sandbox/meta/customer/messages, shows what the business sent
// (/sandbox/meta/customer/inbox) in time order with the customer's own messages, and reports what it showed as read.
(() => {
	'use strict';

	const $ = (id) => document.getElementById(id);
	const from = $('from');
	const name = $('name');
	const message = $('message');
	const send = $('send');
	const transcript = $('transcript');
	const status = $('status');

	const TICKS = { accepted: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' };

	let sent = [];
	let received = [];
	let sending = [];
	let inGenesys = new Set();
	let reported = new Set();
	let rendered = '';

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
			const read = m.readAt ? ' · read by the business' : '';
			return inGenesys.has(m.wamid)
				? ['ok', '✓✓ app answered ' + m.webhookStatus + ' · reached Genesys' + read]
				: ['ok', '✓ app answered ' + m.webhookStatus + read];
		}
		return ['bad', 'app answered HTTP ' + m.webhookStatus];
	}

	function time(value) {
		const date = value ? new Date(value) : new Date();
		return isNaN(date) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
	}

	// Media on the phone: images inline, anything else as a link to the simulator's copy.
	function media(m) {
		const box = el('div', 'media');
		if (!m.mediaUrl) return box;
		box.dataset.type = m.type;
		if ((m.type === 'image' || m.type === 'sticker') && m.mediaUrl) {
			const img = el('img', 'inline-media');
			img.src = m.mediaUrl;
			img.alt = m.filename || m.type;
			box.append(img);
		} else {
			const link = el('a', 'media-link', '[' + m.type + '] ' + (m.filename || m.mime || 'download'));
			link.href = m.mediaUrl;
			link.target = '_blank';
			link.rel = 'noopener noreferrer';
			box.append(link);
		}
		return box;
	}

	function ownBubble(m) {
		const bubble = el('div', 'bubble message customer');
		if (m.wamid) bubble.dataset.wamid = m.wamid;
		const [kind, label] = stateOf(m);
		bubble.dataset.state = kind;
		if (m.mediaUrl) bubble.append(media(m));
		if (m.text || !m.mediaUrl) bubble.append(el('p', 'text', m.text));
		const meta = el('p', 'meta');
		meta.append(el('time', 'time', time(m.timestamp)), document.createTextNode(' · '), el('span', 'state ' + kind, label));
		bubble.append(meta);
		return bubble;
	}

	function businessBubble(m) {
		const bubble = el('div', 'bubble message business');
		bubble.dataset.wamid = m.wamid;
		bubble.dataset.type = m.type;
		if (m.mediaUrl) bubble.append(media(m));
		bubble.append(el('p', 'text', m.text));
		if (m.buttons && m.buttons.length > 0) {
			const buttons = el('div', 'buttons');
			for (const title of m.buttons) buttons.append(el('span', 'reply-button', title));
			bubble.append(buttons);
		}
		const meta = el('p', 'meta');
		const ticks = el('span', 'ticks ' + m.status, TICKS[m.status] || '');
		ticks.dataset.status = m.status;
		ticks.title = m.status;
		ticks.setAttribute('role', 'img');
		ticks.setAttribute('aria-label', m.status);
		meta.append(el('time', 'time', time(m.sentAt)), document.createTextNode(' '), ticks);
		bubble.append(meta);
		return bubble;
	}

	function render() {
		const timeline = sent.map((m) => ({ at: Date.parse(m.timestamp), node: () => ownBubble(m) }))
			.concat(received.map((m) => ({ at: Date.parse(m.sentAt), node: () => businessBubble(m) })))
			.sort((a, b) => a.at - b.at);
		const signature = JSON.stringify([sent, received, sending.length, [...inGenesys]]);
		if (signature === rendered) return;
		rendered = signature;
		const nearBottom = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
		transcript.replaceChildren();
		if (timeline.length === 0 && sending.length === 0) {
			transcript.append(el('p', 'empty', 'No messages yet. Say hello.'));
			return;
		}
		for (const item of timeline) transcript.append(item.node());
		for (const m of sending) transcript.append(ownBubble(m));
		if (nearBottom || sending.length > 0) transcript.scrollTop = transcript.scrollHeight;
	}

	// The phone reads what it shows once it has it (delivered); read implies delivered, so nothing before that.
	async function reportRead() {
		if (document.hidden) return;
		for (const m of received) {
			if (m.status !== 'delivered' || reported.has(m.wamid)) continue;
			reported.add(m.wamid);
			try {
				const response = await fetch('/sandbox/meta/customer/read', {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ wamid: m.wamid })
				});
				if (!response.ok) reported.delete(m.wamid);
			} catch (e) {
				reported.delete(m.wamid);
			}
		}
	}

	async function load() {
		if (!validCustomer()) {
			sent = [];
			received = [];
			render();
			return;
		}
		const who = customer();
		try {
			const [own, inbox] = await Promise.all([
				fetch('/sandbox/meta/customer/messages?from=' + encodeURIComponent(who)),
				fetch('/sandbox/meta/customer/inbox?to=' + encodeURIComponent(who))
			]);
			if (who !== customer()) return;
			if (own.ok) sent = await own.json();
			if (inbox.ok) received = await inbox.json();
			render();
			reportRead();
		} catch (e) {
			status.textContent = 'Could not load the conversation: ' + e.message;
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

	async function submitMedia(event) {
		event.preventDefault();
		const input = $('media-file');
		const file = input.files && input.files.length > 0 ? input.files[0] : null;
		if (!file) return;
		if (!validCustomer()) {
			status.textContent = 'The phone number must be 6 to 15 digits, without +.';
			status.className = 'hint error';
			return;
		}
		const type = $('media-type').value;
		const caption = message.value;
		const params = new URLSearchParams({ from: customer(), name: name.value.trim() });
		if (type) params.set('type', type);
		const audio = type === 'audio' || (!type && (file.type || '').startsWith('audio/'));
		if (audio) params.set('voice', String($('voice').checked));
		else if (caption.trim()) params.set('caption', caption);
		params.set('filename', file.name);
		status.textContent = 'Sending ' + file.name + '…';
		status.className = 'hint';
		try {
			const response = await fetch('/sandbox/meta/customer/media?' + params, {
				method: 'POST',
				headers: { 'Content-Type': file.type || 'application/octet-stream', 'Accept': 'application/json' },
				body: file
			});
			const body = await response.json().catch(() => ({}));
			if (!response.ok) {
				status.textContent = 'Not sent: ' + (body.detail || ('HTTP ' + response.status));
				status.className = 'hint error';
			} else {
				status.textContent = '';
				input.value = '';
				if (!audio) message.value = '';
			}
		} catch (e) {
			status.textContent = 'Not sent: ' + e.message;
			status.className = 'hint error';
		} finally {
			await load();
		}
	}

	$('attach').addEventListener('submit', submitMedia);
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
		sent = [];
		received = [];
		load();
		pollGenesys();
	});
	document.addEventListener('visibilitychange', reportRead);

	load();
	pollGenesys();
	setInterval(load, 1000);
	setInterval(pollGenesys, 2000);
})();

// The simulated Genesys Cloud agent view: polls what the simulator received and shows it per conversation.
(() => {
	'use strict';

	const $ = (id) => document.getElementById(id);
	const list = $('conversations');
	const messages = $('messages');
	const pollStatus = $('poll-status');

	let entries = [];
	let conversations = [];
	let selected = null;
	let rendered = '';

	function el(tag, className, text) {
		const node = document.createElement(tag);
		if (className) node.className = className;
		if (text !== undefined && text !== null) node.textContent = String(text);
		return node;
	}

	function time(value) {
		const date = new Date(value);
		return isNaN(date) ? String(value || '') : date.toLocaleString();
	}

	function safeUrl(value) {
		try {
			const url = new URL(String(value));
			return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
		} catch (e) {
			return null;
		}
	}

	function renderConversations() {
		list.replaceChildren();
		$('no-conversations').hidden = conversations.length > 0;
		for (const c of conversations.slice().reverse()) {
			const item = el('li');
			const button = el('button', 'conversation' + (c.id === selected ? ' selected' : ''));
			button.type = 'button';
			button.dataset.conversationId = c.id;
			button.append(el('span', 'who', c.nickname || c.customerId));
			button.append(el('span', 'sub', c.customerId + ' · ' + c.messages + (c.messages === 1 ? ' message' : ' messages')));
			button.append(el('span', 'sub', 'last ' + time(c.lastMessageAt)));
			button.addEventListener('click', () => {
				selected = c.id === selected ? null : c.id;
				rendered = '';
				render();
			});
			item.append(button);
			list.append(item);
		}
	}

	function warnings(entry) {
		if (!entry.warnings || entry.warnings.length === 0) return null;
		const ul = el('ul', 'warnings');
		ul.title = 'Fields Genesys would tolerate but a correct client does not send';
		for (const w of entry.warnings) ul.append(el('li', null, w));
		return ul;
	}

	function messageCard(entry) {
		const body = entry.body || {};
		const channel = body.channel || {};
		const from = channel.from || {};
		const card = el('article', 'message');
		card.dataset.id = entry.id;
		if (entry.conversationId) card.dataset.conversationId = entry.conversationId;
		if (channel.messageId) card.dataset.messageId = channel.messageId;
		const header = el('header');
		header.append(el('span', 'nickname', from.nickname || from.firstName || '(no nickname)'));
		header.append(el('span', 'from-id', from.id));
		header.append(el('span', 'id-type', from.idType));
		header.append(el('time', 'time', time(channel.time)));
		card.append(header);
		if (typeof body.text === 'string' && body.text.length > 0) card.append(el('p', 'text', body.text));
		for (const item of Array.isArray(body.content) ? body.content : []) {
			const a = item && item.attachment;
			if (!a) continue;
			const line = el('p', 'attachment');
			line.append(document.createTextNode((a.mediaType || 'Attachment') + ': '));
			const href = safeUrl(a.url);
			const link = el(href ? 'a' : 'span', null, a.filename || a.mime || a.url);
			if (href) {
				link.href = href;
				link.target = '_blank';
				link.rel = 'noopener noreferrer';
			}
			line.append(link);
			if (a.text) line.append(document.createTextNode(' — ' + a.text));
			card.append(line);
		}
		card.append(el('p', 'ids', 'Genesys id ' + entry.id + (channel.messageId ? ' · messageId ' + channel.messageId : '')
			+ (entry.conversationId ? ' · conversation ' + entry.conversationId : '')));
		const w = warnings(entry);
		if (w) card.append(w);
		return card;
	}

	function receiptCard(entry) {
		const body = entry.body || {};
		const channel = body.channel || {};
		const card = el('article', 'receipt');
		card.dataset.id = entry.id;
		const header = el('header');
		header.append(el('span', 'status ' + String(body.status || ''), body.status));
		header.append(el('span', null, 'receipt for agent message ' + entry.id + ' to ' + ((channel.to || {}).id || '?')));
		header.append(el('time', 'time', time(channel.time || entry.receivedAt)));
		card.append(header);
		for (const reason of Array.isArray(body.reasons) ? body.reasons : []) {
			card.append(el('p', 'ids', (reason.code || '') + (reason.message ? ': ' + reason.message : '')));
		}
		const w = warnings(entry);
		if (w) card.append(w);
		return card;
	}

	function render() {
		const visible = selected ? entries.filter((e) => e.conversationId === selected) : entries;
		const signature = selected + '|' + visible.length + '|' + (visible.length ? visible[visible.length - 1].id : '')
			+ '|' + conversations.map((c) => c.id + c.messages + (c.nickname || '')).join(',');
		if (signature === rendered) return;
		rendered = signature;
		renderConversations();
		const conversation = conversations.find((c) => c.id === selected);
		$('messages-title').textContent = conversation
			? 'Conversation with ' + (conversation.nickname || conversation.customerId)
			: 'Messages received';
		const nearBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 60;
		messages.replaceChildren(...visible.map((e) => (e.kind === 'receipt' ? receiptCard(e) : messageCard(e))));
		$('no-messages').hidden = visible.length > 0;
		if (nearBottom) window.scrollTo(0, document.body.scrollHeight);
	}

	async function poll() {
		try {
			const [received, open] = await Promise.all([
				fetch('/sandbox/genesys/control/received'),
				fetch('/sandbox/genesys/control/conversations')
			]);
			if (!received.ok || !open.ok) throw new Error('HTTP ' + (received.ok ? open.status : received.status));
			entries = await received.json();
			conversations = await open.json();
			if (selected && !conversations.some((c) => c.id === selected)) selected = null;
			pollStatus.textContent = 'Live · updated ' + new Date().toLocaleTimeString();
			pollStatus.className = 'poll';
			render();
		} catch (e) {
			pollStatus.textContent = 'Cannot reach the simulator (' + e.message + '); retrying…';
			pollStatus.className = 'poll bad';
		}
	}

	$('show-all').addEventListener('click', () => {
		selected = null;
		rendered = '';
		render();
	});
	$('clear').addEventListener('click', async () => {
		await fetch('/sandbox/genesys/control/received', { method: 'DELETE' });
		selected = null;
		rendered = '';
		poll();
	});

	poll();
	setInterval(poll, 1000);
})();

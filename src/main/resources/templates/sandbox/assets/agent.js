// The simulated Genesys Cloud agent view: polls what the simulator received and what agents sent, shows it per
// conversation with the receipts the app reported, and sends agent replies through the simulator's outbound webhook.
(() => {
	'use strict';

	const $ = (id) => document.getElementById(id);
	const list = $('conversations');
	const messages = $('messages');
	const pollStatus = $('poll-status');
	const reply = $('reply');
	const quickReplies = $('quick-replies');
	const replySend = $('reply-send');
	const replyTyping = $('reply-typing');
	const replyStatus = $('reply-status');
	const replyFile = $('reply-file');

	let entries = [];
	let conversations = [];
	let agentMessages = [];
	let selected = null;
	let rendered = '';
	let sending = false;

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

	function selectedConversation() {
		return conversations.find((c) => c.id === selected) || null;
	}

	function updateReplyBox() {
		const conversation = selectedConversation();
		const enabled = conversation !== null && !sending;
		reply.disabled = conversation === null;
		quickReplies.disabled = conversation === null;
		replyFile.disabled = conversation === null;
		replySend.disabled = !enabled;
		replyTyping.disabled = !enabled;
		reply.placeholder = conversation
			? 'Reply to ' + (conversation.nickname || conversation.customerId)
			: 'Select a conversation to reply';
	}

	function renderConversations() {
		list.replaceChildren();
		$('no-conversations').hidden = conversations.length > 0;
		for (const c of conversations.slice().reverse()) {
			const item = el('li');
			const button = el('button', 'conversation' + (c.id === selected ? ' selected' : ''));
			button.type = 'button';
			button.dataset.conversationId = c.id;
			button.dataset.customerId = c.customerId;
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
		const card = el('article', 'message customer');
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
		const fetched = Array.isArray(entry.attachments) ? entry.attachments : [];
		for (const f of fetched) card.append(mediaView(f, f.mediaType, f.filename, f.mime, f.contentSizeBytes));
		for (const item of Array.isArray(body.content) ? body.content : []) {
			const a = item && item.attachment;
			if (!a || (fetched.length > 0 && a.mediaType !== 'Link')) continue;
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

	function eventCard(entry) {
		const body = entry.body || {};
		const channel = body.channel || {};
		const card = el('article', 'event');
		card.dataset.id = entry.id;
		const types = (Array.isArray(body.events) ? body.events : []).map((e) => e && e.eventType).filter(Boolean);
		const header = el('header');
		header.append(el('span', 'nickname', ((channel.from || {}).nickname || (channel.from || {}).id || 'Customer')
			+ (types.includes('Typing') ? ' is typing…' : ' event: ' + types.join(', '))));
		header.append(el('time', 'time', time(channel.time || entry.receivedAt)));
		card.append(header);
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

	function webhookLabel(m) {
		const tries = m.attempts ? m.attempts.length : 0;
		const outcome = m.webhookStatus !== undefined && m.webhookStatus !== null
			? 'app answered ' + m.webhookStatus
			: (m.webhookError || 'calling the app…');
		return 'webhook: ' + outcome + (tries > 1 ? ' after ' + tries + ' attempts' : '') + (m.done ? '' : ' (retrying)');
	}

	// A file the simulator keeps: images inline, other files as a download link served by the simulator.
	function mediaView(file, mediaType, filename, mime, size) {
		const box = el('div', 'attachment media');
		box.dataset.mediaType = mediaType || '';
		const href = safeUrl(file.url);
		if (mediaType === 'Image' && href) {
			const img = el('img', 'inline-media');
			img.src = href;
			img.alt = filename || 'image';
			box.append(img);
		}
		const line = el('p', 'attachment-link');
		line.append(document.createTextNode((mediaType || 'File') + ': '));
		const link = el(href ? 'a' : 'span', null, filename || mime || 'download');
		if (href) {
			link.href = href;
			link.target = '_blank';
			link.rel = 'noopener noreferrer';
		}
		line.append(link);
		line.append(document.createTextNode(' (' + (mime || '?') + (size ? ', ' + size + ' bytes' : '') + ')'));
		box.append(line);
		return box;
	}

	function agentCard(m) {
		const card = el('article', 'message agent');
		card.dataset.id = m.id;
		card.dataset.conversationId = m.conversationId;
		const header = el('header');
		header.append(el('span', 'nickname', 'Agent'));
		header.append(el('span', 'from-id', 'to ' + m.toId));
		header.append(el('span', 'id-type', m.type));
		header.append(el('time', 'time', time(m.sentAt)));
		card.append(header);
		if (m.type === 'Event') card.append(el('p', 'text muted', 'Typing indicator (5 s)'));
		else if (m.text) card.append(el('p', 'text', m.text));
		const content = m.body && Array.isArray(m.body.content) ? m.body.content : [];
		for (const a of content.map((c) => c && c.attachment).filter(Boolean)) {
			card.append(mediaView(a, a.mediaType, a.filename, a.mime, a.contentSizeBytes));
		}
		const replies = content.map((c) => c && c.quickReply).filter(Boolean);
		if (replies.length > 0) {
			const buttons = el('div', 'buttons');
			for (const q of replies) buttons.append(el('span', 'reply-button', q.text));
			card.append(buttons);
		}
		const receipt = m.receipt;
		const state = el('p', 'receipt-status');
		state.dataset.status = receipt ? receipt.status : '';
		if (receipt && receipt.status === 'Delivered') {
			state.textContent = '✓✓ Delivered';
			state.classList.add('ok');
		} else if (receipt && receipt.status === 'Failed') {
			const reasons = Array.isArray(receipt.reasons) ? receipt.reasons : [];
			state.textContent = 'Failed' + (reasons.length ? ': ' + reasons.map((r) => r.code + (r.message ? ' — ' + r.message : '')).join('; ') : '');
			state.classList.add('bad');
		} else if (receipt) {
			state.textContent = receipt.status;
		} else {
			state.textContent = m.type === 'Event' ? '' : 'no receipt yet';
			state.classList.add('pending');
		}
		card.append(state);
		const ok = m.webhookStatus >= 200 && m.webhookStatus < 300;
		card.append(el('p', 'ids webhook' + (ok || !m.done ? '' : ' bad'), webhookLabel(m) + ' · Genesys id ' + m.id));
		return card;
	}

	function render() {
		updateReplyBox();
		const agentIds = new Set(agentMessages.map((m) => m.id));
		const inView = (conversationId) => !selected || conversationId === selected;
		const timeline = entries
			.filter((e) => inView(e.conversationId) && !(e.kind === 'receipt' && agentIds.has(e.id)))
			.map((e) => ({ at: Date.parse(e.receivedAt), key: e.kind + e.id, card: () => (e.kind === 'receipt'
				? receiptCard(e) : e.kind === 'event' ? eventCard(e) : messageCard(e)) }))
			.concat(agentMessages.filter((m) => inView(m.conversationId)).map((m) => ({
				at: Date.parse(m.sentAt), key: 'agent' + m.id + (m.receipt ? m.receipt.status + m.receipt.count : '')
					+ m.webhookStatus + (m.attempts || []).length + m.done, card: () => agentCard(m) })))
			.sort((a, b) => a.at - b.at);
		const signature = selected + '|' + timeline.map((t) => t.key).join(',')
			+ '|' + conversations.map((c) => c.id + c.messages + (c.nickname || '')).join(',');
		if (signature === rendered) return;
		rendered = signature;
		renderConversations();
		const conversation = selectedConversation();
		$('messages-title').textContent = conversation
			? 'Conversation with ' + (conversation.nickname || conversation.customerId)
			: 'Messages received';
		const nearBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 60;
		messages.replaceChildren(...timeline.map((t) => t.card()));
		$('no-messages').hidden = timeline.length > 0;
		if (nearBottom) window.scrollTo(0, document.body.scrollHeight);
	}

	async function poll() {
		try {
			const [received, open, agent] = await Promise.all([
				fetch('/sandbox/genesys/control/received'),
				fetch('/sandbox/genesys/control/conversations'),
				fetch('/sandbox/genesys/control/agent-messages')
			]);
			const failed = [received, open, agent].find((r) => !r.ok);
			if (failed) throw new Error('HTTP ' + failed.status);
			entries = await received.json();
			conversations = await open.json();
			agentMessages = await agent.json();
			if (selected && !conversations.some((c) => c.id === selected)) selected = null;
			pollStatus.textContent = 'Live · updated ' + new Date().toLocaleTimeString();
			pollStatus.className = 'poll';
			render();
		} catch (e) {
			pollStatus.textContent = 'Cannot reach the simulator (' + e.message + '); retrying…';
			pollStatus.className = 'poll bad';
		}
	}

	function parseQuickReplies(value) {
		return value.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
			const at = part.indexOf('=');
			return at < 0 ? { text: part, payload: part }
				: { text: part.slice(0, at).trim(), payload: part.slice(at + 1).trim() || part.slice(0, at).trim() };
		});
	}

	async function sendAgentMessage(typing) {
		const conversation = selectedConversation();
		if (!conversation || sending) return;
		const text = reply.value;
		const replies = parseQuickReplies(quickReplies.value);
		const file = !typing && replyFile.files && replyFile.files.length > 0 ? replyFile.files[0] : null;
		if (!typing && !text.trim() && !file) {
			reply.focus();
			return;
		}
		const request = { integrationId: conversation.integrationId, toId: conversation.customerId,
			toIdType: conversation.idType };
		if (typing) {
			request.type = 'Event';
		} else {
			request.text = text;
			if (replies.length > 0) {
				request.type = 'Structured';
				request.quickReplies = replies;
			}
		}
		sending = true;
		updateReplyBox();
		replyStatus.textContent = typing ? 'Sending the typing indicator…' : 'Sending…';
		replyStatus.className = 'hint';
		if (!typing) {
			reply.value = '';
			quickReplies.value = '';
		}
		try {
			if (file) {
				const uploaded = await fetch('/sandbox/genesys/control/agent-attachments?filename='
					+ encodeURIComponent(file.name), {
					method: 'POST',
					headers: { 'Content-Type': file.type || 'application/octet-stream', 'Accept': 'application/json' },
					body: file
				});
				const attachment = await uploaded.json().catch(() => ({}));
				if (!uploaded.ok) throw new Error(attachment.detail || ('HTTP ' + uploaded.status));
				request.attachmentId = attachment.id;
				replyFile.value = '';
			}
			const response = await fetch('/sandbox/genesys/control/agent-messages', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
				body: JSON.stringify(request)
			});
			const body = await response.json().catch(() => ({}));
			if (!response.ok) {
				replyStatus.textContent = 'Not sent: ' + (body.detail || ('HTTP ' + response.status));
				replyStatus.className = 'hint error';
				if (!typing) reply.value = text;
			} else if (body.webhookStatus >= 200 && body.webhookStatus < 300) {
				replyStatus.textContent = 'Sent · the app answered ' + body.webhookStatus;
			} else {
				replyStatus.textContent = 'The app did not accept the webhook: '
					+ (body.webhookStatus ? 'HTTP ' + body.webhookStatus : (body.webhookError || 'no answer'))
					+ ' after ' + body.attempts + ' attempt(s)';
				replyStatus.className = 'hint error';
			}
		} catch (e) {
			replyStatus.textContent = 'Not sent: ' + e.message;
			replyStatus.className = 'hint error';
			if (!typing) reply.value = text;
		} finally {
			sending = false;
			updateReplyBox();
			rendered = '';
			await poll();
			if (!typing) reply.focus();
		}
	}

	$('show-all').addEventListener('click', () => {
		selected = null;
		rendered = '';
		render();
	});
	$('clear').addEventListener('click', async () => {
		await Promise.all([
			fetch('/sandbox/genesys/control/received', { method: 'DELETE' }),
			fetch('/sandbox/genesys/control/agent-messages', { method: 'DELETE' })
		]);
		selected = null;
		rendered = '';
		poll();
	});
	$('reply-form').addEventListener('submit', (event) => {
		event.preventDefault();
		sendAgentMessage(false);
	});
	reply.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && !event.shiftKey) {
			event.preventDefault();
			$('reply-form').requestSubmit();
		}
	});
	replyTyping.addEventListener('click', () => sendAgentMessage(true));

	poll();
	setInterval(poll, 1000);
})();

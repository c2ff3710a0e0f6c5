package io.switchboard.benchmark;

import io.switchboard.harness.StandInServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

/**
 * A lean WhatsApp Cloud API on loopback: {@code POST /{version}/{phoneNumberId}/messages} answers like the Graph API
 * with a new wamid, and notes when each send arrived under its {@code biz_opaque_callback_data} (the Genesys message
 * id). It enforces the number's messages per second over a rolling second as WhatsApp does: a send that would make
 * more than that many in the last second is refused with error 130429 (HTTP 400) and counted. For the media phase it
 * also serves one {@link Document}: {@code GET /{version}/{media-id}} answers its download URL, type, size and SHA-256
 * as the Graph API does, and {@code GET /download/{media-id}} streams its bytes to a caller with a Bearer token.
 */
final class GraphStandIn extends StandInServer {

	private static final Pattern MESSAGES = Pattern.compile("/v\\d+\\.\\d+/[^/]+/messages");
	private static final Pattern MEDIA_INFO = Pattern.compile("/v\\d+\\.\\d+/([0-9]+)");
	private static final String DOWNLOAD = "/download/";
	private static final long SECOND = 1_000_000_000L;
	private static final String THROUGHPUT_REACHED = """
			{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,\
			"error_data":{"messaging_product":"whatsapp","details":"Cloud API message throughput has been reached."},\
			"fbtrace_id":"BenchmarkStandIn"}}""";

	private final int messagesPerSecond;
	private final ArrayDeque<Long> lastSecond = new ArrayDeque<>();
	private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
	private final List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
	private final AtomicInteger rejections = new AtomicInteger();
	private final AtomicLong wamids = new AtomicLong();
	private final Map<String, Document> documents = new ConcurrentHashMap<>();
	private final Map<String, Long> downloadsServed = new ConcurrentHashMap<>();

	GraphStandIn(int messagesPerSecond) {
		this.messagesPerSecond = messagesPerSecond;
		serve("/", this::messages);
		start();
	}

	/**
	 * Serves the document under its media id from now on.
	 */
	void serve(Document document) {
		documents.put(document.mediaId(), document);
	}

	/**
	 * @return the URL the document is downloaded from.
	 */
	URI downloadUrl(Document document) {
		return baseUrl().resolve(DOWNLOAD + document.mediaId());
	}

	/**
	 * @return {@link System#nanoTime()} when the last byte of the document's latest download was written, 0 if none
	 *         was served whole.
	 */
	long downloadServed(String mediaId) {
		return downloadsServed.getOrDefault(mediaId, 0L);
	}

	private void messages(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if ("GET".equals(exchange.getRequestMethod())) {
			media(exchange, path);
			return;
		}
		String body = body(exchange);
		long now = System.nanoTime();
		if (!"POST".equals(exchange.getRequestMethod()) || !MESSAGES.matcher(exchange.getRequestURI().getPath()).matches()) {
			answer(exchange, 404, "{\"error\":{\"message\":\"Unknown path\",\"code\":100}}");
			return;
		}
		if (!admit(now)) {
			rejections.incrementAndGet();
			answer(exchange, 400, THROUGHPUT_REACHED);
			return;
		}
		String callback = field(body, "biz_opaque_callback_data");
		if (callback != null) {
			arrivals.putIfAbsent(callback, now);
		}
		String to = String.valueOf(field(body, "to"));
		answer(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\""
				+ to + "\"}],\"messages\":[{\"id\":\"wamid.BENCHOUT" + wamids.incrementAndGet() + "\"}]}");
	}

	private void media(HttpExchange exchange, String path) throws IOException {
		Matcher info = MEDIA_INFO.matcher(path);
		Document document = path.startsWith(DOWNLOAD) ? documents.get(path.substring(DOWNLOAD.length()))
				: info.matches() ? documents.get(info.group(1)) : null;
		if (document == null) {
			answer(exchange, 404, "{\"error\":{\"message\":\"Unknown media\",\"code\":100}}");
			return;
		}
		if (!String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).startsWith("Bearer ")) {
			answer(exchange, 401, "{\"error\":{\"message\":\"No token\",\"code\":190}}");
			return;
		}
		if (info.matches()) {
			answer(exchange, 200, "{\"url\":\"" + downloadUrl(document) + "\",\"mime_type\":\"" + document.mimeType()
					+ "\",\"sha256\":\"" + document.sha256Hex() + "\",\"file_size\":" + document.size()
					+ ",\"id\":\"" + document.mediaId() + "\",\"messaging_product\":\"whatsapp\"}");
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", document.mimeType());
		exchange.sendResponseHeaders(200, document.size());
		try (OutputStream out = exchange.getResponseBody()) {
			document.writeTo(out);
		}
		downloadsServed.put(document.mediaId(), System.nanoTime());
	}

	private boolean admit(long now) {
		synchronized (lastSecond) {
			while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= SECOND) {
				lastSecond.pollFirst();
			}
			if (lastSecond.size() >= messagesPerSecond) {
				return false;
			}
			lastSecond.addLast(now);
			accepted.add(now);
			return true;
		}
	}

	/**
	 * @return {@link System#nanoTime()} when the send for this Genesys message id arrived, 0 if it did not.
	 */
	long arrival(String genesysMessageId) {
		return arrivals.getOrDefault(genesysMessageId, 0L);
	}

	int rejections() {
		return rejections.get();
	}

	int accepted() {
		return accepted.size();
	}

	/**
	 * @return the most sends accepted within any one second between the two instants ({@link System#nanoTime()}).
	 */
	int mostInAnySecond(long from, long to) {
		List<Long> times;
		synchronized (accepted) {
			times = accepted.stream().filter(t -> t >= from && t <= to).sorted().toList();
		}
		int most = 0;
		int first = 0;
		for (int last = 0; last < times.size(); last++) {
			while (times.get(last) - times.get(first) >= SECOND) {
				first++;
			}
			most = Math.max(most, last - first + 1);
		}
		return most;
	}
}

package io.switchboard.benchmark;

import io.switchboard.harness.StandInServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

/**
 * A lean Genesys Cloud on loopback: {@code POST /oauth/token} hands out a day-long token; {@code POST
 * /api/v2/conversations/messages/{integrationId}/inbound/open/message} takes a customer's message, notes when it
 * arrived under its {@code channel.messageId} (the wamid) and answers with a message id and one conversation id per
 * customer, as Genesys does; {@code .../inbound/open/receipt} takes receipts. A message that carries a link to
 * Switchboard's copy of a file (as {@code content[0].attachment.url}, or in the text when the file is above Genesys's
 * attachment limit) is answered first, then the file is fetched from the link as Genesys does, streamed through a
 * SHA-256 digest and discarded ({@link #fetched}).
 */
final class GenesysStandIn extends StandInServer {

	private static final String MESSAGES = "/api/v2/conversations/messages/";
	private static final Pattern LINK = Pattern.compile("https?://[^\\s\"\\\\]+/media/[^\\s\"\\\\]+");

	private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
	private final AtomicInteger duplicates = new AtomicInteger();
	private final AtomicInteger receipts = new AtomicInteger();
	private final AtomicInteger tokens = new AtomicInteger();
	private final Map<String, Fetched> fetched = new ConcurrentHashMap<>();
	private final HttpClient fetcher = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * A file fetched from the link a message carried.
	 *
	 * @param status the HTTP status of the fetch, 0 if it did not answer.
	 * @param bytes how many bytes the body had.
	 * @param sha256 their SHA-256 digest in lower-case hex.
	 * @param asAttachment whether the link came as an attachment (else in the text, as a notice).
	 * @param received {@link System#nanoTime()} when the message arrived.
	 * @param finished {@link System#nanoTime()} when the last byte was read.
	 * @param failure why the fetch failed, else {@literal null}.
	 */
	record Fetched(URI url, int status, long bytes, String sha256, boolean asAttachment, long received, long finished,
			String failure) {}

	GenesysStandIn() {
		serve("/oauth/token", exchange -> {
			body(exchange);
			tokens.incrementAndGet();
			answer(exchange, 200, "{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":86400}");
		});
		serve(MESSAGES, this::integration);
		start();
	}

	private void integration(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String body = body(exchange);
		long now = System.nanoTime();
		if (path.endsWith("/inbound/open/message")) {
			String wamid = field(body, "messageId");
			if (wamid != null && arrivals.putIfAbsent(wamid, now) != null) {
				duplicates.incrementAndGet();
			}
			String link = field(body, "url");
			Matcher inText = LINK.matcher(body);
			if (wamid != null && (link != null || inText.find())) {
				URI url = URI.create(link != null ? link : inText.group());
				boolean attachment = link != null;
				Thread.ofVirtual().start(() -> fetch(wamid, url, attachment, now));
			}
			String customer = field(body.substring(Math.max(0, body.indexOf("\"from\""))), "id");
			UUID conversation = UUID.nameUUIDFromBytes(String.valueOf(customer).getBytes(StandardCharsets.UTF_8));
			ThreadLocalRandom random = ThreadLocalRandom.current();
			answer(exchange, 200, "{\"id\":\"" + HexFormat.of().toHexDigits(random.nextLong())
					+ HexFormat.of().toHexDigits(random.nextLong()) + "\",\"conversationId\":\"" + conversation + "\"}");
		}
		else if (path.endsWith("/inbound/open/receipt")) {
			receipts.incrementAndGet();
			answer(exchange, 200, "{}");
		}
		else {
			answer(exchange, 404, "{\"status\":404,\"code\":\"not.found\"}");
		}
	}

	private void fetch(String wamid, URI url, boolean attachment, long received) {
		MessageDigest digest = Document.newDigest();
		byte[] buffer = new byte[64 * 1024];
		long bytes = 0;
		int status = 0;
		String failure = null;
		try {
			HttpResponse<InputStream> response = fetcher.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2))
					.build(), HttpResponse.BodyHandlers.ofInputStream());
			status = response.statusCode();
			try (InputStream in = response.body()) {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					digest.update(buffer, 0, read);
					bytes += read;
				}
			}
		}
		catch (IOException | InterruptedException e) {
			failure = e.toString();
		}
		fetched.put(wamid, new Fetched(url, status, bytes, HexFormat.of().formatHex(digest.digest()), attachment,
				received, System.nanoTime(), failure));
	}

	/**
	 * @return the file fetched for the message with this wamid, once it was read to its end (or failed).
	 */
	Optional<Fetched> fetched(String wamid) {
		return Optional.ofNullable(fetched.get(wamid));
	}

	/**
	 * @return {@link System#nanoTime()} when the message with this wamid first arrived, 0 if it did not.
	 */
	long arrival(String wamid) {
		return arrivals.getOrDefault(wamid, 0L);
	}

	int messages() {
		return arrivals.size();
	}

	int duplicates() {
		return duplicates.get();
	}

	int receipts() {
		return receipts.get();
	}

	int tokens() {
		return tokens.get();
	}

	@Override
	public synchronized void close() {
		super.close();
		fetcher.close();
	}
}

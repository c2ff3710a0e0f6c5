package io.switchboard.benchmark;

import io.switchboard.harness.StandInServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

/**
 * A lean Genesys Cloud on loopback: {@code POST /oauth/token} hands out a day-long token; {@code POST
 * /api/v2/conversations/messages/{integrationId}/inbound/open/message} takes a customer's message, notes when it
 * arrived under its {@code channel.messageId} (the wamid) and answers with a message id and one conversation id per
 * customer, as Genesys does; {@code .../inbound/open/receipt} takes receipts.
 */
final class GenesysStandIn extends StandInServer {

	private static final String MESSAGES = "/api/v2/conversations/messages/";

	private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
	private final AtomicInteger duplicates = new AtomicInteger();
	private final AtomicInteger receipts = new AtomicInteger();
	private final AtomicInteger tokens = new AtomicInteger();

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
}

package io.switchboard.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.JsonNode;

/**
 * A lean Genesys Cloud that records every call: {@code POST /oauth/token} hands out a day-long token; {@code
 * .../inbound/open/message} records a customer's message under its {@code channel.messageId} (the wamid) and answers
 * with a message id and one conversation id per customer; {@code .../inbound/open/receipt} records each receipt's
 * status under the agent message's id.
 */
final class GenesysRecorder extends RecordingStandIn {

	private static final String UNAVAILABLE = """
			{"message":"The service is currently unavailable","code":"service.unavailable","status":503}""";

	private final Map<String, List<String>> receipts = new ConcurrentHashMap<>();

	GenesysRecorder() {
		super("Genesys");
		serve("/oauth/token", this::token);
		serve("/api/v2/conversations/messages/", this::integration);
		start();
	}

	private void token(HttpExchange exchange) throws IOException {
		if (!answeredUnavailable(exchange, UNAVAILABLE)) {
			body(exchange);
			answer(exchange, 200, "{\"access_token\":\"fault\",\"token_type\":\"bearer\",\"expires_in\":86400}");
		}
	}

	private void integration(HttpExchange exchange) throws IOException {
		String body = body(exchange);
		if (answeredUnavailable(exchange, UNAVAILABLE)) {
			return;
		}
		String path = exchange.getRequestURI().getPath();
		JsonNode json = json(body);
		if (path.endsWith("/inbound/open/message")) {
			delivered(json.path("channel").path("messageId").asString());
			String customer = json.path("channel").path("from").path("id").asString();
			answer(exchange, 200, "{\"id\":\"" + UUID.randomUUID().toString().replace("-", "")
					+ "\",\"conversationId\":\"" + UUID.nameUUIDFromBytes(customer.getBytes(StandardCharsets.UTF_8))
					+ "\"}");
		}
		else if (path.endsWith("/inbound/open/receipt")) {
			receipt(json.path("id").asString(), json.path("status").asString());
			answer(exchange, 200, "{}");
		}
		else {
			answer(exchange, 404, "{\"status\":404,\"code\":\"not.found\"}");
		}
	}

	void receipt(String genesysMessageId, String status) {
		receipts.computeIfAbsent(genesysMessageId, id -> new CopyOnWriteArrayList<>()).add(status);
	}

	/**
	 * @return the statuses of the receipts Genesys was given for an agent's message, in arrival order.
	 */
	List<String> receipts(String genesysMessageId) {
		return receipts.getOrDefault(genesysMessageId, List.of());
	}
}

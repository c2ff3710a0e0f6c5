package io.switchboard.fault;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.JsonNode;

/**
 * A lean WhatsApp Cloud API that records every call: {@code POST /{version}/{phoneNumberId}/messages} with a text
 * records the send under its {@code biz_opaque_callback_data} (the Genesys message id), answers with a new wamid as
 * the Graph API does, and has the customer's phone report it {@code delivered} through {@link StatusWebhooks}. Other
 * sends (typing indicators, read marks) are answered and not recorded.
 */
final class GraphRecorder extends RecordingStandIn {

	private static final Pattern MESSAGES = Pattern.compile("/v\\d+\\.\\d+/[^/]+/messages");
	private static final String UNAVAILABLE = """
			{"error":{"message":"Service temporarily unavailable","type":"OAuthException","code":2,\
			"fbtrace_id":"FaultStandIn"}}""";

	private final StatusWebhooks statuses;
	private final String runTag;
	private final AtomicLong wamids = new AtomicLong();
	private final Map<String, String> callbacks = new ConcurrentHashMap<>();

	GraphRecorder(StatusWebhooks statuses, String runTag) {
		super("Meta");
		this.statuses = statuses;
		this.runTag = runTag;
		serve("/", this::messages);
		start();
	}

	private void messages(HttpExchange exchange) throws IOException {
		String body = body(exchange);
		if (answeredUnavailable(exchange, UNAVAILABLE)) {
			return;
		}
		if (!"POST".equals(exchange.getRequestMethod())
				|| !MESSAGES.matcher(exchange.getRequestURI().getPath()).matches()) {
			answer(exchange, 404, "{\"error\":{\"message\":\"Unknown path\",\"code\":100}}");
			return;
		}
		JsonNode send = json(body);
		String callback = send.path("biz_opaque_callback_data").asString("");
		if (!"text".equals(send.path("type").asString("")) || callback.isEmpty()) {
			answer(exchange, 200, "{\"success\":true}");
			return;
		}
		delivered(callback);
		String to = send.path("to").asString();
		String wamid = "wamid.FAULTOUT" + runTag + "N" + wamids.incrementAndGet();
		callbacks.put(wamid, callback);
		statuses.delivered(wamid, to, callback);
		answer(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to
				+ "\",\"wa_id\":\"" + to + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}");
	}

	/**
	 * @return the Genesys message id a wamid this stand-in issued was sent for, or {@literal null}.
	 */
	String callbackOf(String wamid) {
		return callbacks.get(wamid);
	}
}

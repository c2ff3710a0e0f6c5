package io.switchboard;

import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Builds WhatsApp webhook notifications the way Meta sends them, for tests.
 */
public final class MetaWebhooks {

	public static final Secret SANDBOX_APP_SECRET = Secret.of("6f1d2a9c4b7e0f3a8d5c2b9e6a1f4d7c");
	public static final String SANDBOX_PHONE_NUMBER_ID = "100000000000001";

	private MetaWebhooks() {}

	public static String newWamid() {
		return "wamid.TEST" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
	}

	/**
	 * A notification carrying one text message from a customer to the sandbox number.
	 */
	public static byte[] text(String from, String name, String wamid, String body) {
		return text(SANDBOX_PHONE_NUMBER_ID, from, name, wamid, body);
	}

	public static byte[] text(String phoneNumberId, String from, String name, String wamid, String body) {
		return text(phoneNumberId, from, name, wamid, body, Instant.now());
	}

	public static byte[] text(String phoneNumberId, String from, String name, String wamid, String body, Instant at) {
		String json = """
				{"object":"whatsapp_business_account","entry":[{"id":"300000000000001","changes":[{"value":{\
				"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550100001","phone_number_id":"%s"},\
				"contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],"messages":[{"from":"%s","id":"%s","timestamp":"%d",\
				"type":"text","text":{"body":"%s"}}]},"field":"messages"}]}]}"""
				.formatted(phoneNumberId, name, from, from, wamid, at.getEpochSecond(), body);
		return json.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * A notification carrying one status ({@code sent}, {@code delivered} or {@code read}) of a message the business
	 * sent, shaped like the corpus's {@code 24-status-delivered.json}.
	 *
	 * @param callbackData the send's {@code biz_opaque_callback_data}, echoed back; {@literal null} for none.
	 */
	public static byte[] status(String phoneNumberId, String wamid, String status, String recipient,
			String callbackData, Instant at) {
		String callback = callbackData == null ? "" : "\"biz_opaque_callback_data\":\"" + callbackData + "\",";
		String json = """
				{"object":"whatsapp_business_account","entry":[{"id":"300000000000001","changes":[{"value":{\
				"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550100001","phone_number_id":"%s"},\
				"statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s",%s\
				"conversation":{"id":"%032x","origin":{"type":"service"}},"pricing":{"billable":false,\
				"pricing_model":"PMP","type":"free_customer_service","category":"service"}}]},"field":"messages"}]}]}"""
				.formatted(phoneNumberId, wamid, status, at.getEpochSecond(), recipient, callback, recipient.hashCode());
		return json.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * A notification of one change to a number, carrying the given messages and statuses as Meta writes them (see
	 * {@link #textMessage} and {@link #statusItem}).
	 */
	public static byte[] items(String phoneNumberId, List<String> messages, List<String> statuses) {
		String json = """
				{"object":"whatsapp_business_account","entry":[{"id":"300000000000001","changes":[{"value":{\
				"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550100001","phone_number_id":"%s"},\
				"messages":[%s],"statuses":[%s]},"field":"messages"}]}]}"""
				.formatted(phoneNumberId, String.join(",", messages), String.join(",", statuses));
		return json.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * @param from the sender, or {@literal null} to leave {@code from} out.
	 * @param wamid the id, or {@literal null} to leave {@code id} out.
	 */
	public static String textMessage(String from, String wamid, String body) {
		return "{" + field("from", from) + field("id", wamid) + "\"timestamp\":\"" + Instant.now().getEpochSecond()
				+ "\",\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}}";
	}

	/**
	 * @param wamid the id, or {@literal null} to leave {@code id} out.
	 * @param recipient the customer, or {@literal null} to leave {@code recipient_id} out.
	 */
	public static String statusItem(String wamid, String status, String recipient) {
		return "{" + field("id", wamid) + field("recipient_id", recipient) + "\"status\":\"" + status
				+ "\",\"timestamp\":\"" + Instant.now().getEpochSecond() + "\"}";
	}

	private static String field(String name, String value) {
		return value == null ? "" : "\"" + name + "\":\"" + value + "\",";
	}

	public static HttpRequest signed(URI uri, byte[] body, Secret secret) {
		return post(uri, body, WebhookSignatures.signHex(body, secret));
	}

	public static HttpRequest post(URI uri, byte[] body, String signature) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (signature != null) {
			request.header("X-Hub-Signature-256", signature);
		}
		return request.build();
	}
}

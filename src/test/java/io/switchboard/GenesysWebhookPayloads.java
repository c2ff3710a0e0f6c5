package io.switchboard;

import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds Genesys Open Messaging outbound webhooks the way Genesys sends them, for tests.
 */
public final class GenesysWebhookPayloads {

	public static final Secret SANDBOX_WEBHOOK_SECRET = Secret.of("gc-sandbox-webhook-secret-Q8v3Rt6yZp1Lm4Nx");
	public static final String SANDBOX_INTEGRATION = "5f0c2b1e-8d3a-4e6f-9b7c-1a2d3e4f5a6b";

	private GenesysWebhookPayloads() {}

	public static String newId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	public static byte[] text(String integrationId, String id, String toId, String idType, String text) {
		return """
				{"id":"%s","channel":{"id":"%s","platform":"Open","type":"Private","messageId":"%s",\
				"to":{"id":"%s","idType":"%s"},"from":{"id":"%s","idType":"Opaque","nickname":"Sandbox WhatsApp"},\
				"time":"%s"},"type":"Text","text":"%s","direction":"Outbound","originatingEntity":"Human",\
				"conversationId":"c0c0c0c0-0000-4000-8000-%s"}"""
				.formatted(id, integrationId, id, toId, idType, integrationId, Instant.now(), text, id.substring(0, 12))
				.getBytes(StandardCharsets.UTF_8);
	}

	public static byte[] text(String id, String toId, String text) {
		return text(SANDBOX_INTEGRATION, id, toId, "Phone", text);
	}

	/**
	 * @param type {@code Text} or {@code Structured}.
	 * @param content the {@code content} array's items, as JSON.
	 */
	public static byte[] withContent(String id, String toId, String type, String text, String content) {
		return """
				{"id":"%s","channel":{"id":"%s","platform":"Open","type":"Private","messageId":"%s",\
				"to":{"id":"%s","idType":"Phone"},"from":{"id":"%s","idType":"Opaque","nickname":"Sandbox WhatsApp"},\
				"time":"%s"},"type":"%s","text":"%s","content":[%s],"direction":"Outbound","originatingEntity":"Bot",\
				"conversationId":"c0c0c0c0-0000-4000-8000-%s"}"""
				.formatted(id, SANDBOX_INTEGRATION, id, toId, SANDBOX_INTEGRATION, Instant.now(), type, text, content,
						id.substring(0, 12))
				.getBytes(StandardCharsets.UTF_8);
	}

	public static HttpRequest signed(URI uri, byte[] body, Secret secret) {
		return post(uri, body, WebhookSignatures.signBase64(body, secret));
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

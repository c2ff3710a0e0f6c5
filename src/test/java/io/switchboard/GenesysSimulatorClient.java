package io.switchboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives and reads the sandbox's Genesys Cloud simulator over its control API, for tests.
 */
public final class GenesysSimulatorClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();
	private final String base;

	public GenesysSimulatorClient(int port) {
		this.base = "http://localhost:" + port + "/sandbox/genesys/control";
	}

	/**
	 * @return the messages (kind {@code message}) or receipts the simulator received with that provider message id.
	 */
	public List<JsonNode> received(String kind, String query) {
		JsonNode all = get("/received?kind=" + kind + query);
		List<JsonNode> out = new ArrayList<>();
		all.forEach(out::add);
		return out;
	}

	public List<JsonNode> messagesWithId(String wamid) {
		return received("message", "&messageId=" + URLEncoder.encode(wamid, StandardCharsets.UTF_8));
	}

	public JsonNode stats() {
		return get("/stats");
	}

	public void fault(String endpoint, int status, int retryAfterSeconds, int times) {
		send(HttpRequest.newBuilder(URI.create(base + "/faults")).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"endpoint":"%s","status":%d,"retryAfterSeconds":%d,"times":%d,"message":"scripted by a test"}"""
						.formatted(endpoint, status, retryAfterSeconds, times))).build());
	}

	public void clearFaults() {
		send(HttpRequest.newBuilder(URI.create(base + "/faults")).DELETE().build());
	}

	public void expireTokens() {
		send(HttpRequest.newBuilder(URI.create(base + "/expire-tokens")).POST(HttpRequest.BodyPublishers.noBody())
				.build());
	}

	/**
	 * Polls until the condition holds on the messages with that id, or fails after the timeout.
	 */
	public List<JsonNode> awaitMessages(String wamid, Predicate<List<JsonNode>> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<JsonNode> messages = messagesWithId(wamid);
		while (!condition.test(messages)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Genesys simulator did not reach the expected state for " + wamid
						+ " within " + timeout + "; it has: " + messages);
			}
			sleep(Duration.ofMillis(50));
			messages = messagesWithId(wamid);
		}
		return messages;
	}

	public static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private JsonNode get(String path) {
		return JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + path)).GET().build()));
	}

	private String send(HttpRequest request) {
		return call(http, request);
	}

	/**
	 * Calls a simulator's control endpoint and fails the test on any answer but 2xx.
	 *
	 * @return the body.
	 */
	static String call(HttpClient http, HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new AssertionError("simulator control call " + request.uri() + " answered "
						+ response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

package io.switchboard;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives and reads the sandbox's Meta Graph API simulator over its control API, for tests.
 */
public final class MetaSimulatorClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();
	private final String base;

	public MetaSimulatorClient(int port) {
		this.base = "http://localhost:" + port + "/sandbox/meta/control";
	}

	/**
	 * @return the sends the simulator accepted with that {@code biz_opaque_callback_data}.
	 */
	public List<JsonNode> sentWithCallback(String callbackData) {
		JsonNode all = JSON.readTree(send(get("/sent?callbackData=" + encode(callbackData))));
		List<JsonNode> out = new ArrayList<>();
		all.forEach(out::add);
		return out;
	}

	public List<JsonNode> sentTo(String to) {
		JsonNode all = JSON.readTree(send(get("/sent?to=" + encode(to))));
		List<JsonNode> out = new ArrayList<>();
		all.forEach(out::add);
		return out;
	}

	public List<JsonNode> awaitSent(String callbackData, Predicate<List<JsonNode>> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<JsonNode> sent = sentWithCallback(callbackData);
		while (!condition.test(sent)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Meta simulator did not reach the expected state for " + callbackData
						+ " within " + timeout + "; it has: " + sent);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(50));
			sent = sentWithCallback(callbackData);
		}
		return sent;
	}

	public JsonNode stats() {
		return JSON.readTree(send(get("/stats")));
	}

	public void fault(int code, int httpStatus, int times) {
		fault(code, httpStatus, times, 0);
	}

	/**
	 * @param after sends let through before the fault starts.
	 */
	public void fault(int code, int httpStatus, int times, int after) {
		post("/faults", """
				{"code":%d,"httpStatus":%d,"times":%d,"after":%d,"details":"scripted by a test","message":"(#%d) scripted"}"""
				.formatted(code, httpStatus, times, after, code));
	}

	public void clearFaults() {
		send(HttpRequest.newBuilder(URI.create(base + "/faults")).DELETE().build());
	}

	public void autoStatuses(boolean enabled) {
		post("/auto-statuses", "{\"enabled\":" + enabled + "}");
	}

	/**
	 * Makes the simulator send a status webhook for one of its accepted sends now.
	 */
	public void status(String wamid, String status, Integer errorCode) {
		post("/statuses", "{\"wamid\":\"" + wamid + "\",\"status\":\"" + status + "\""
				+ (errorCode == null ? "" : ",\"errorCode\":" + errorCode) + "}");
	}

	private void post(String path, String json) {
		send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json)).build());
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create(base + path)).GET().build();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private String send(HttpRequest request) {
		return GenesysSimulatorClient.call(http, request);
	}
}

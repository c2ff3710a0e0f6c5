package io.switchboard.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated WhatsApp customer against the running application: its webhooks are accepted, and what the customer
 * writes reaches the simulated Genesys Cloud.
 */
class MetaCustomerIntegrationTests extends AbstractIntegrationTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void customerMessagesAreAcceptedByTheApplicationsWebhook() throws Exception {
		String customer = customerId();

		HttpResponse<String> response = send("""
				{"from":"%s","name":"Ana Souza","text":"Olá! Order AB-1234/2 👋"}""".formatted(customer));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode delivery = json.readTree(response.body());
		assertThat(delivery.path("wamid").stringValue()).startsWith("wamid.");
		assertThat(delivery.path("webhookStatus").asInt()).isEqualTo(200);
		JsonNode transcript = get("/sandbox/meta/customer/messages?from=" + customer);
		assertThat(transcript.size()).isEqualTo(1);
		assertThat(transcript.get(0).path("text").stringValue()).isEqualTo("Olá! Order AB-1234/2 👋");
		assertThat(transcript.get(0).path("webhookStatus").asInt()).isEqualTo(200);
	}

	@Test
	void customerMessagesReachTheSimulatedGenesys() throws Exception {
		String customer = customerId();
		String wamid = json.readTree(send("""
				{"from":"%s","name":"Ana Souza","text":"Where is my parcel?"}""".formatted(customer)).body())
				.path("wamid").stringValue();

		JsonNode received = awaitReceived(wamid, Duration.ofSeconds(20));

		JsonNode body = received.path("body");
		assertThat(body.path("text").stringValue()).isEqualTo("Where is my parcel?");
		assertThat(body.path("channel").path("from").path("id").stringValue()).isEqualTo(customer);
		assertThat(body.path("channel").path("from").path("nickname").stringValue()).isEqualTo("Ana Souza");
		assertThat(received.path("warnings").isEmpty()).as(received.path("warnings").toString()).isTrue();
	}

	@Test
	void refusesInvalidCustomerInputAsProblemDetails() throws Exception {
		for (String invalid : new String[] { "{\"from\":\"+44 7700\",\"text\":\"hi\"}",
				"{\"from\":\"447700900123\",\"text\":\"   \"}" }) {
			HttpResponse<String> response = send(invalid);

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(json.readTree(response.body()).path("detail").stringValue()).isNotBlank();
		}
	}

	private JsonNode awaitReceived(String wamid, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			JsonNode found = get("/sandbox/genesys/control/received?kind=message&messageId=" + wamid);
			if (!found.isEmpty()) {
				return found.get(0);
			}
			assertThat(System.nanoTime()).as("the simulated Genesys received " + wamid + " in time")
					.isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private HttpResponse<String> send(String body) throws Exception {
		return http.send(HttpRequest.newBuilder(url("/sandbox/meta/customer/messages"))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static String customerId() {
		return "4477009" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
	}
}

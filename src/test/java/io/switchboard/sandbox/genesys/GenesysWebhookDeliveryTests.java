package io.switchboard.sandbox.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sandbox.SandboxScheduler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * Unit tests of {@link GenesysWebhookDelivery} against a stand-in webhook: what is repeated, how often, and what is
 * posted.
 */
class GenesysWebhookDeliveryTests {

	private final List<Integer> answers = new CopyOnWriteArrayList<>();
	private final List<String> signatures = new CopyOnWriteArrayList<>();
	private final AtomicInteger calls = new AtomicInteger();
	private final SandboxScheduler scheduler = new SandboxScheduler();
	private HttpServer server;
	private URI target;

	@BeforeEach
	void startWebhook() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/webhook/genesys/outbound", exchange -> {
			exchange.getRequestBody().readAllBytes();
			signatures.add(exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"));
			int call = calls.getAndIncrement();
			int status = call < answers.size() ? answers.get(call) : 200;
			if (status == 0) {
				sleep(Duration.ofMillis(600));
				status = 200;
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.setExecutor(Executors.newCachedThreadPool());
		server.start();
		target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook/genesys/outbound");
	}

	@AfterEach
	void stop() {
		server.stop(0);
		scheduler.destroy();
	}

	@Test
	void repeatsTooManyRequestsAndServerErrorsUntilAccepted() throws Exception {
		answers.addAll(List.of(503, 429, 500));
		AtomicInteger webhookCalls = new AtomicInteger();
		List<GenesysWebhookDelivery.Attempt> seen = new CopyOnWriteArrayList<>();

		List<GenesysWebhookDelivery.Attempt> attempts = delivery(5, Duration.ofMillis(20), webhookCalls::incrementAndGet)
				.deliver("{}".getBytes(), "sha256=abc", seen::add).get(5, TimeUnit.SECONDS);

		assertThat(attempts).extracting(GenesysWebhookDelivery.Attempt::status).containsExactly(503, 429, 500, 200);
		assertThat(seen).isEqualTo(attempts);
		assertThat(webhookCalls.get()).isEqualTo(4);
		assertThat(signatures).containsOnly("sha256=abc").hasSize(4);
	}

	@Test
	void givesUpAfterTheRetries() throws Exception {
		answers.addAll(List.of(503, 503, 503, 503, 503, 503, 503));

		List<GenesysWebhookDelivery.Attempt> attempts = delivery(5, Duration.ofMillis(10), () -> {})
				.deliver("{}".getBytes(), "sha256=abc", a -> {}).get(5, TimeUnit.SECONDS);

		assertThat(attempts).hasSize(6).allSatisfy(a -> assertThat(a.status()).isEqualTo(503));
		assertThat(calls.get()).isEqualTo(6);
	}

	@Test
	void doesNotRepeatOtherAnswers() throws Exception {
		answers.add(401);

		List<GenesysWebhookDelivery.Attempt> attempts = delivery(5, Duration.ofMillis(10), () -> {})
				.deliver("{}".getBytes(), "sha256=abc", a -> {}).get(5, TimeUnit.SECONDS);

		assertThat(attempts).extracting(GenesysWebhookDelivery.Attempt::status).containsExactly(401);
	}

	@Test
	void repeatsWhenTheAnswerTakesTooLong() throws Exception {
		answers.add(0);

		List<GenesysWebhookDelivery.Attempt> attempts = new GenesysWebhookDelivery(target, Duration.ofMillis(10), 5,
				Duration.ofMillis(200), scheduler, () -> {})
				.deliver("{}".getBytes(), "sha256=abc", a -> {}).get(5, TimeUnit.SECONDS);

		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(0).status()).isNull();
		assertThat(attempts.get(0).error()).contains("no answer within 200 ms");
		assertThat(attempts.get(1).status()).isEqualTo(200);
	}

	@Test
	void repeatsWhenTheApplicationCannotBeReached() throws Exception {
		server.stop(0);

		List<GenesysWebhookDelivery.Attempt> attempts = delivery(2, Duration.ofMillis(10), () -> {})
				.deliver("{}".getBytes(), "sha256=abc", a -> {}).get(5, TimeUnit.SECONDS);

		assertThat(attempts).hasSize(3).allSatisfy(a -> {
			assertThat(a.status()).isNull();
			assertThat(a.error()).contains("could not reach");
		});
	}

	private GenesysWebhookDelivery delivery(int retries, Duration interval, Runnable onCall) {
		return new GenesysWebhookDelivery(target, interval, retries, Duration.ofSeconds(5), scheduler, onCall);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}

package io.switchboard.genesys.client;

import static org.assertj.core.api.Assertions.*;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.auth.TestTokens;
import io.switchboard.genesys.FakeGenesys;
import io.switchboard.genesys.FakeGenesys.Recorded;
import io.switchboard.genesys.FakeGenesys.Reply;
import io.switchboard.genesys.GenesysMessageAccepted;
import io.switchboard.genesys.GenesysRejected;
import io.switchboard.genesys.GenesysUnavailable;
import io.switchboard.genesys.OpenInboundMessage;
import io.switchboard.genesys.OpenInboundMessage.Channel;
import io.switchboard.genesys.OpenInboundMessage.From;
import io.switchboard.genesys.OpenInboundMessage.IdType;
import io.switchboard.tenant.Tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

class HttpGenesysClientTests {

	static final Instant SENT = Instant.parse("2026-05-04T09:00:00Z");
	static final GenesysClientSettings SETTINGS = new GenesysClientSettings(Duration.ofSeconds(1),
			Duration.ofSeconds(3), 4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));

	FakeGenesys genesys;
	SimpleMeterRegistry meters;
	JsonMapper json = JsonMapper.builder().build();
	HttpGenesysClient client;
	Tenant acme;

	@BeforeEach
	void setUp() {
		genesys = FakeGenesys.start();
		meters = new SimpleMeterRegistry();
		client = new HttpGenesysClient(TestTokens.clientCredentials(meters), json, SETTINGS, meters);
		acme = genesys.tenant("acme");
	}

	@AfterEach
	void tearDown() {
		genesys.close();
	}

	@Test
	void sendsMessageAndReturnsGenesysIds() {
		GenesysMessageAccepted accepted = client.sendInboundMessage(acme, message("wamid.1"));

		assertThat(accepted.messageId()).isEqualTo("gen-1");
		assertThat(accepted.conversationId()).isEqualTo("conv-447700900123");
		assertThat(genesys.apiRequests()).singleElement().satisfies(request -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/api/v2/conversations/messages/" + FakeGenesys.INTEGRATION_ID
					+ "/inbound/open/message");
			assertThat(request.query()).isEqualTo("prefetchConversationId=true");
			assertThat(request.header("Authorization")).startsWith("Bearer token-");
			assertThat(request.header("Content-Type")).isEqualTo("application/json");
		});
		assertThat(timer("success")).isEqualTo(1);
	}

	@Test
	void writesGenesysFieldsWithIsoTimeAndWithoutNulls() {
		client.sendInboundMessage(acme, message("wamid.1"));

		JsonNode body = json.readTree(genesys.apiRequests().get(0).body());
		assertThat(body.path("channel").path("time").isString()).isTrue();
		assertThat(body.path("channel").path("time").stringValue()).isEqualTo("2026-05-04T09:00:00Z");
		assertThat(body.path("channel").path("messageId").stringValue()).isEqualTo("wamid.1");
		assertThat(body.path("channel").path("from").path("id").stringValue()).isEqualTo("447700900123");
		assertThat(body.path("channel").path("from").path("idType").stringValue()).isEqualTo("Phone");
		assertThat(body.path("text").stringValue()).isEqualTo("Hi, my parcel is late");
		assertThat(body.has("content")).isFalse();
		assertThat(body.has("metadata")).isFalse();
		assertThat(body.path("channel").has("metadata")).isFalse();
		assertThat(body.path("channel").path("from").has("nickname")).isFalse();
		assertThat(genesys.apiRequests().get(0).body()).doesNotContain("null");
	}

	@Test
	void writesIsoTimeEvenWhenTheMapperWritesTimestamps() {
		JsonMapper timestamps = JsonMapper.builder().enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
		client = new HttpGenesysClient(TestTokens.clientCredentials(meters), timestamps, SETTINGS, meters);

		client.sendInboundMessage(acme, message("wamid.1"));

		assertThat(genesys.apiRequests().get(0).body()).contains("\"time\":\"2026-05-04T09:00:00Z\"");
	}

	@Test
	void sendsManyMessagesWithOneToken() {
		for (int i = 1; i <= 5; i++) {
			client.sendInboundMessage(acme, message("wamid." + i));
		}

		assertThat(genesys.tokenRequests()).hasSize(1);
		assertThat(genesys.delivered()).hasSize(5);
		assertThat(genesys.apiRequests()).extracting(request -> request.header("Authorization")).containsOnly(
				genesys.apiRequests().get(0).header("Authorization"));
	}

	@Test
	void refreshesShortLivedTokenBeforeItExpires() throws InterruptedException {
		genesys.expiresIn(2);

		client.sendInboundMessage(acme, message("wamid.1"));
		Thread.sleep(1_100);
		client.sendInboundMessage(acme, message("wamid.2"));

		assertThat(genesys.tokenRequests()).hasSize(2);
		assertThat(genesys.apiRequests()).hasSize(2);
		assertThat(genesys.apiRequests().get(1).header("Authorization"))
			.isNotEqualTo(genesys.apiRequests().get(0).header("Authorization"));
	}

	@Test
	void sharesOneTokenRequestAmongConcurrentFirstCalls() throws Exception {
		genesys.delayLogins(FakeGenesys.CLIENT_ID, Duration.ofMillis(300));
		CountDownLatch start = new CountDownLatch(1);
		List<Future<GenesysMessageAccepted>> sends = new ArrayList<>();

		try (ExecutorService executor = Executors.newFixedThreadPool(20)) {
			for (int i = 0; i < 20; i++) {
				String wamid = "wamid." + i;
				sends.add(executor.submit(() -> {
					start.await();
					return client.sendInboundMessage(acme, message(wamid));
				}));
			}
			start.countDown();
			for (Future<GenesysMessageAccepted> send : sends) {
				assertThat(send.get(10, TimeUnit.SECONDS).messageId()).startsWith("gen-");
			}
		}

		assertThat(genesys.tokenRequests()).hasSize(1);
		assertThat(genesys.delivered()).hasSize(20);
	}

	@Test
	void refreshesTokenOnceWhenGenesysRefusesIt() {
		client.sendInboundMessage(acme, message("wamid.1"));
		genesys.revokeTokens();

		GenesysMessageAccepted accepted = client.sendInboundMessage(acme, message("wamid.2"));

		assertThat(accepted.messageId()).isEqualTo("gen-2");
		assertThat(genesys.tokenRequests()).hasSize(2);
		assertThat(genesys.apiRequests()).hasSize(3);
		assertThat(deliveredOf("wamid.2")).hasSize(1);
		assertThat(timer("retried")).isEqualTo(1);
	}

	@Test
	void rejectsWhenTheRefreshedTokenIsRefusedToo() {
		genesys.replyToApi(FakeGenesys.error(401, "bad.credentials", "Invalid login credentials."),
				FakeGenesys.error(401, "bad.credentials", "Invalid login credentials."));

		assertThatExceptionOfType(GenesysRejected.class)
			.isThrownBy(() -> client.sendInboundMessage(acme, message("wamid.1")))
			.satisfies(rejected -> {
				assertThat(rejected.status()).isEqualTo(401);
				assertThat(rejected.code()).isEqualTo("bad.credentials");
			});
		assertThat(genesys.tokenRequests()).hasSize(2);
		assertThat(genesys.apiRequests()).hasSize(2);
		assertThat(genesys.delivered()).isEmpty();
	}

	@Test
	void waitsForRetryAfterWhenRateLimited() {
		genesys.replyToApi(FakeGenesys.error(429, "too.many.requests", "Rate limit exceeded").with("Retry-After", "1"));

		client.sendInboundMessage(acme, message("wamid.1"));

		List<Recorded> requests = genesys.apiRequests();
		assertThat(requests).hasSize(2);
		assertThat(Duration.ofNanos(requests.get(1).atNanos() - requests.get(0).atNanos()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(deliveredOf("wamid.1")).hasSize(1);
	}

	@Test
	void handsLongRetryAfterBackToTheCaller() {
		genesys.replyToApi(FakeGenesys.error(429, "too.many.requests", "Rate limit exceeded").with("Retry-After", "120"));

		assertThatExceptionOfType(GenesysUnavailable.class)
			.isThrownBy(() -> client.sendInboundMessage(acme, message("wamid.1")))
			.satisfies(unavailable -> assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
		assertThat(genesys.apiRequests()).hasSize(1);
		assertThat(timer("unavailable")).isEqualTo(1);
	}

	@Test
	void retriesServerErrorsUntilDelivered() {
		genesys.replyToApi(FakeGenesys.error(503, "service.unavailable", "Try again"),
				FakeGenesys.error(503, "service.unavailable", "Try again"));

		GenesysMessageAccepted accepted = client.sendInboundMessage(acme, message("wamid.1"));

		assertThat(accepted.messageId()).isEqualTo("gen-1");
		assertThat(genesys.apiRequests()).hasSize(3);
		assertThat(genesys.delivered()).hasSize(1);
		assertThat(genesys.tokenRequests()).hasSize(1);
		assertThat(timer("retried")).isEqualTo(2);
		assertThat(timer("success")).isEqualTo(1);
	}

	@Test
	void givesUpAfterMaxAttemptsOfServerErrors() {
		for (int i = 0; i < 10; i++) {
			genesys.replyToApi(FakeGenesys.error(500, "internal.server.error", "Boom"));
		}

		assertThatExceptionOfType(GenesysUnavailable.class)
			.isThrownBy(() -> client.sendInboundMessage(acme, message("wamid.1")))
			.withMessageContaining("acme")
			.withMessageContaining("500");
		assertThat(genesys.apiRequests()).hasSize(SETTINGS.maxAttempts());
		assertThat(genesys.delivered()).isEmpty();
	}

	@Test
	void rejectsBadRequestWithoutRetrying() {
		genesys.replyToApi(FakeGenesys.error(400, "bad.request", "The request could not be understood"));

		assertThatExceptionOfType(GenesysRejected.class)
			.isThrownBy(() -> client.sendInboundMessage(acme, message("wamid.1")))
			.satisfies(rejected -> {
				assertThat(rejected.status()).isEqualTo(400);
				assertThat(rejected.code()).isEqualTo("bad.request");
				assertThat(rejected.contextId()).isEqualTo("ctx-400-bad.request");
				assertThat(rejected.reason())
					.isEqualTo("Genesys 400 bad.request: The request could not be understood");
			});
		assertThat(genesys.apiRequests()).hasSize(1);
		assertThat(timer("rejected")).isEqualTo(1);
	}

	@Test
	void rejectsNonJsonErrorWithShortGenericMessage() {
		genesys.replyToApi(Reply.of(413, "text/html", "<html>" + "x".repeat(100_000) + "</html>")
			.with("ININ-Correlation-Id", "ctx-header"));

		assertThatExceptionOfType(GenesysRejected.class)
			.isThrownBy(() -> client.sendInboundMessage(acme, message("wamid.1")))
			.satisfies(rejected -> {
				assertThat(rejected.status()).isEqualTo(413);
				assertThat(rejected.code()).isNull();
				assertThat(rejected.contextId()).isEqualTo("ctx-header");
				assertThat(rejected.getMessage()).hasSizeLessThanOrEqualTo(300).doesNotContain("<html>");
			});
	}

	@Test
	void capsLongGenesysMessages() {
		genesys.replyToApi(FakeGenesys.error(400, "bad.request", "y".repeat(5_000)));

		assertThatExceptionOfType(GenesysRejected.class)
			.isThrownBy(() -> client.sendInboundMessage(acme, message("wamid.1")))
			.satisfies(rejected -> assertThat(rejected.getMessage()).hasSizeLessThanOrEqualTo(300));
	}

	@Test
	void rejectsInvalidClientWithoutCallingTheApi() {
		Tenant misconfigured = genesys.tenant("acme", FakeGenesys.CLIENT_ID, "not-the-secret-0123");

		assertThatExceptionOfType(GenesysRejected.class)
			.isThrownBy(() -> client.sendInboundMessage(misconfigured, message("wamid.1")))
			.satisfies(rejected -> {
				assertThat(rejected.status()).isEqualTo(401);
				assertThat(rejected.code()).isEqualTo("invalid_client");
				assertThat(rejected.getMessage()).doesNotContain("not-the-secret-0123");
			});
		assertThat(genesys.tokenRequests()).hasSize(1);
		assertThat(genesys.apiRequests()).isEmpty();
	}

	@Test
	void reportsFailingLoginAsUnavailableAfterRetries() {
		for (int i = 0; i < 10; i++) {
			genesys.replyToToken(Reply.json(502, "{}"));
		}

		assertThatExceptionOfType(GenesysUnavailable.class)
			.isThrownBy(() -> client.sendInboundMessage(acme, message("wamid.1")));
		assertThat(genesys.tokenRequests()).hasSize(SETTINGS.maxAttempts());
		assertThat(genesys.apiRequests()).isEmpty();
	}

	@Test
	void retriesAfterLoginHiccup() {
		genesys.replyToToken(Reply.json(503, "{}"));

		assertThat(client.sendInboundMessage(acme, message("wamid.1")).messageId()).isEqualTo("gen-1");
		assertThat(genesys.tokenRequests()).hasSize(2);
		assertThat(genesys.delivered()).hasSize(1);
	}

	@Test
	void retriesConnectionFailuresThenReportsUnavailable() {
		genesys.close();

		assertThatExceptionOfType(GenesysUnavailable.class)
			.isThrownBy(() -> client.sendInboundMessage(acme, message("wamid.1")))
			.satisfies(unavailable -> assertThat(unavailable.retryAfter()).isNull());
		assertThat(timer("retried")).isEqualTo(SETTINGS.maxAttempts() - 1);
	}

	static OpenInboundMessage message(String wamid) {
		return new OpenInboundMessage(new Channel(new From("447700900123", IdType.Phone, null), SENT, wamid, null),
				"Hi, my parcel is late", null, null);
	}

	List<Recorded> deliveredOf(String wamid) {
		return genesys.delivered().stream().filter(request -> request.body().contains("\"" + wamid + "\"")).toList();
	}

	long timer(String outcome) {
		var timer = meters.find("switchboard.genesys.requests")
			.tags("operation", HttpGenesysClient.INBOUND_MESSAGE, "outcome", outcome)
			.timer();
		return timer == null ? 0 : timer.count();
	}
}

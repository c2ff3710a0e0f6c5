package io.switchboard.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;
import io.switchboard.sandbox.SandboxScheduler;
import io.switchboard.sandbox.SandboxSettings;
import io.switchboard.sandbox.SandboxTenant;
import io.switchboard.sandbox.SandboxUrls;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unit tests of {@link MetaStatusWebhooks} against a stand-in webhook: the bodies, their signatures and their order.
 */
class MetaStatusWebhooksTests {

	private static final Instant NOW = Instant.parse("2026-05-04T09:20:06.250Z");
	private static final Secret APP_SECRET = Secret.of(SandboxTenant.META_APP_SECRET);

	private final JsonMapper json = JsonMapper.builder().build();
	private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
	private final List<String> signatures = new CopyOnWriteArrayList<>();
	private final SandboxScheduler scheduler = new SandboxScheduler();
	private final MetaStats stats = new MetaStats();
	private HttpServer server;
	private Tenant tenant;
	private MetaOptions options;
	private MetaStatusWebhooks statuses;
	private MetaOutbox outbox;

	@BeforeEach
	void startWebhook() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/webhook/whatsapp", exchange -> {
			bodies.add(exchange.getRequestBody().readAllBytes());
			signatures.add(exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
		tenant = SandboxTenant.declaration(new SandboxUrls(SandboxSettings.defaults(base), 0))
				.tenant();
		Tenants tenants = mock(Tenants.class);
		when(tenants.byId(SandboxTenant.ID)).thenReturn(Optional.of(tenant));
		options = new MetaOptions(SandboxSettings.defaults(base));
		statuses = new MetaStatusWebhooks(tenants, options, stats, scheduler, base.resolve("/webhook/whatsapp"),
				Clock.fixed(NOW, ZoneOffset.UTC));
		outbox = new MetaOutbox(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@AfterEach
	void stop() {
		server.stop(0);
		scheduler.destroy();
	}

	@Test
	void sendsSentThenDeliveredSignedAndWrittenTheWayMetaWritesThem() throws Exception {
		MetaOutbox.Send send = accept("""
				{"messaging_product":"whatsapp","to":"447700900101","type":"text","text":{"body":"Olá"},
				 "biz_opaque_callback_data":"f20c37d97e382ca41fda843555907b74"}""");

		statuses.accepted(send);
		await(2);

		assertThat(send.statuses()).extracting(MetaOutbox.Status::status).containsExactly("sent", "delivered");
		assertThat(send.statuses()).allSatisfy(s -> assertThat(s.webhookStatus()).isEqualTo(200));
		for (int i = 0; i < 2; i++) {
			assertThat(WebhookSignatures.matchesHex(bodies.get(i), signatures.get(i), APP_SECRET)).isTrue();
			for (byte b : bodies.get(i)) {
				assertThat(b & 0xff).isLessThan(0x80);
			}
		}
		JsonNode sent = json.readTree(bodies.get(0));
		JsonNode expected = corpus("23-status-sent");
		assertThat(sent.path("entry").get(0).path("id")).isEqualTo(expected.path("entry").get(0).path("id"));
		JsonNode value = sent.path("entry").get(0).path("changes").get(0).path("value");
		JsonNode expectedValue = expected.path("entry").get(0).path("changes").get(0).path("value");
		assertThat(value.path("metadata")).isEqualTo(expectedValue.path("metadata"));
		JsonNode status = value.path("statuses").get(0);
		JsonNode expectedStatus = expectedValue.path("statuses").get(0);
		assertThat(status.path("id").stringValue()).isEqualTo(send.wamid);
		assertThat(status.path("status").stringValue()).isEqualTo("sent");
		assertThat(status.path("timestamp").stringValue()).isEqualTo(Long.toString(NOW.getEpochSecond()));
		assertThat(status.path("recipient_id").stringValue()).isEqualTo("447700900101");
		assertThat(status.path("biz_opaque_callback_data")).isEqualTo(expectedStatus.path("biz_opaque_callback_data"));
		assertThat(status.path("pricing")).isEqualTo(expectedStatus.path("pricing"));
		assertThat(status.path("conversation").path("origin")).isEqualTo(expectedStatus.path("conversation")
				.path("origin"));
		assertThat(status.path("conversation").path("id").stringValue()).matches("[0-9a-f]{32}");
		assertThat(status.path("conversation").path("expiration_timestamp").stringValue())
				.isEqualTo(Long.toString(NOW.plus(Duration.ofHours(24)).getEpochSecond()));
		JsonNode delivered = json.readTree(bodies.get(1)).path("entry").get(0).path("changes").get(0).path("value")
				.path("statuses").get(0);
		assertThat(delivered.path("status").stringValue()).isEqualTo("delivered");
		assertThat(delivered.path("conversation").has("expiration_timestamp")).isFalse();
		assertThat(stats.statusWebhooks.get()).isEqualTo(2);
	}

	@Test
	void readsCatchUpOnMissingStatusesAndAreSentOnce() throws Exception {
		options.update(true, null, null);
		MetaOutbox.Send send = accept("""
				{"messaging_product":"whatsapp","recipient":"US.80417735526019448823","type":"text","text":{"body":"x"}}""");

		statuses.customerRead(send);
		statuses.customerRead(send);
		await(3);
		statuses.accepted(send);
		Thread.sleep(600);

		assertThat(send.statuses()).extracting(MetaOutbox.Status::status).containsExactly("sent", "delivered", "read");
		JsonNode read = json.readTree(bodies.get(2)).path("entry").get(0).path("changes").get(0).path("value")
				.path("statuses").get(0);
		assertThat(read.path("recipient_user_id").stringValue()).isEqualTo("US.80417735526019448823");
		assertThat(read.has("recipient_id")).isFalse();
		assertThat(read.has("conversation")).isFalse();
		assertThat(read.has("pricing")).isFalse();
		assertThat(send.progress()).isEqualTo("read");
	}

	@Test
	void readsByItselfWhenAutoReadIsOn() throws Exception {
		options.update(null, true, null);
		MetaOutbox.Send send = accept("""
				{"messaging_product":"whatsapp","to":"447700900101","text":{"body":"x"}}""");

		statuses.accepted(send);
		await(3);

		assertThat(send.statuses()).extracting(MetaOutbox.Status::status).containsExactly("sent", "delivered", "read");
	}

	@Test
	void sendsFailuresWithTheCorpusErrorShape() throws Exception {
		MetaOutbox.Send send = accept("""
				{"messaging_product":"whatsapp","to":"447700900102","text":{"body":"x"}}""");

		MetaOutbox.Status failed = statuses.now(send, "failed", null);
		statuses.accepted(send);
		Thread.sleep(500);

		assertThat(failed.errorCode()).isEqualTo(131026);
		assertThat(failed.webhookStatus()).isEqualTo(200);
		assertThat(send.statuses()).hasSize(1);
		JsonNode status = json.readTree(bodies.get(0)).path("entry").get(0).path("changes").get(0).path("value")
				.path("statuses").get(0);
		JsonNode expected = corpus("26-status-failed").path("entry").get(0).path("changes").get(0).path("value")
				.path("statuses").get(0);
		assertThat(status.path("errors")).isEqualTo(expected.path("errors"));
		assertThat(send.progress()).isEqualTo("failed");
	}

	private MetaOutbox.Send accept(String body) {
		JsonNode node = json.readTree(body);
		String wamid = Wamids.outbound(MetaGraphValidation.send(node).customer());
		return outbox.accept(wamid, SandboxTenant.ID, SandboxTenant.PHONE_NUMBER_ID, node,
				MetaGraphValidation.send(node));
	}

	private void await(int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (bodies.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(bodies).hasSizeGreaterThanOrEqualTo(count);
		Thread.sleep(50);
	}

	private JsonNode corpus(String name) throws IOException {
		return json.readTree(new String(getClass().getResourceAsStream("/conformance/whatsapp/inbound/" + name
				+ ".json").readAllBytes(), StandardCharsets.US_ASCII));
	}
}

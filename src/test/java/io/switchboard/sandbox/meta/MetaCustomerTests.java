package io.switchboard.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unit tests of {@link MetaCustomer} against a stand-in webhook: the body, its signature and what is remembered.
 */
class MetaCustomerTests {

	private static final Instant NOW = Instant.parse("2026-05-04T09:00:00.750Z");

	private final JsonMapper json = JsonMapper.builder().build();
	private final Map<String, Object> captured = new ConcurrentHashMap<>();
	private HttpServer server;
	private Tenant tenant;
	private MetaCustomer customer;
	private MetaMedia media;

	@BeforeEach
	void startWebhook() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/webhook/whatsapp", exchange -> {
			captured.put("body", exchange.getRequestBody().readAllBytes());
			captured.put("signature", exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"));
			captured.put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
		tenant = SandboxTenant.declaration(new SandboxUrls(SandboxSettings.defaults(base), 0))
				.tenant();
		Tenants tenants = mock(Tenants.class);
		when(tenants.all()).thenReturn(List.of(tenant));
		media = new MetaMedia(new SandboxUrls(SandboxSettings.defaults(base), 0), java.time.Duration.ofMinutes(5),
				Clock.fixed(NOW, ZoneOffset.UTC));
		customer = new MetaCustomer(tenants, base.resolve("/webhook/whatsapp"),
				Clock.fixed(NOW, ZoneOffset.UTC), media);
	}

	@AfterEach
	void stopWebhook() {
		server.stop(0);
	}

	@Test
	void postsASignedCloudApiWebhookWrittenTheWayMetaWritesIt() {
		MetaCustomer.Sent sent = customer.send(new MetaCustomer.Typed("447700900123", "Ana", "Olá 👋 a/b", null));

		assertThat(sent.webhookStatus()).isEqualTo(200);
		assertThat(sent.webhookError()).isNull();
		byte[] body = (byte[]) captured.get("body");
		assertThat(captured.get("contentType")).isEqualTo("application/json");
		assertThat(WebhookSignatures.matchesHex(body, (String) captured.get("signature"),
				Secret.of("6f1d2a9c4b7e0f3a8d5c2b9e6a1f4d7c"))).isTrue();
		String raw = new String(body, StandardCharsets.US_ASCII);
		assertThat(raw).contains("\"body\":\"Ol\\u00e1 \\ud83d\\udc4b a\\/b\"").doesNotContain("\n");

		JsonNode webhook = json.readTree(body);
		assertThat(webhook.path("object").stringValue()).isEqualTo("whatsapp_business_account");
		JsonNode entry = webhook.path("entry").get(0);
		assertThat(entry.path("id").stringValue()).isEqualTo("300000000000001");
		JsonNode change = entry.path("changes").get(0);
		assertThat(change.path("field").stringValue()).isEqualTo("messages");
		JsonNode value = change.path("value");
		assertThat(value.path("messaging_product").stringValue()).isEqualTo("whatsapp");
		assertThat(value.path("metadata").path("display_phone_number").stringValue()).isEqualTo("15550100001");
		assertThat(value.path("metadata").path("phone_number_id").stringValue()).isEqualTo("100000000000001");
		assertThat(value.path("contacts").get(0).path("profile").path("name").stringValue()).isEqualTo("Ana");
		assertThat(value.path("contacts").get(0).path("wa_id").stringValue()).isEqualTo("447700900123");
		JsonNode message = value.path("messages").get(0);
		assertThat(message.path("from").stringValue()).isEqualTo("447700900123");
		assertThat(message.path("id").stringValue()).isEqualTo(sent.wamid()).startsWith("wamid.");
		assertThat(message.path("timestamp").isString()).isTrue();
		assertThat(message.path("timestamp").stringValue()).isEqualTo(Long.toString(NOW.getEpochSecond()));
		assertThat(message.path("type").stringValue()).isEqualTo("text");
		assertThat(message.path("text").path("body").stringValue()).isEqualTo("Olá 👋 a/b");

		String decoded = new String(Base64.getDecoder().decode(sent.wamid().substring("wamid.".length())),
				StandardCharsets.ISO_8859_1);
		assertThat(decoded).contains("447700900123");
		assertThat(customer.transcript("447700900123")).extracting(MetaCustomer.Sent::wamid)
				.containsExactly(sent.wamid());
		assertThat(customer.transcript("447700900999")).isEmpty();
	}

	@Test
	void givesEachMessageItsOwnWamid() {
		String first = customer.send(new MetaCustomer.Typed("447700900123", null, "one", null)).wamid();
		String second = customer.send(new MetaCustomer.Typed("447700900123", null, "two", null)).wamid();

		assertThat(first).isNotEqualTo(second);
		assertThat(customer.transcript("447700900123")).extracting(MetaCustomer.Sent::text)
				.containsExactly("one", "two");
	}

	@Test
	void refusesInvalidInput() {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> customer.send(new MetaCustomer.Typed("+447700900123", null, "hi", null)));
		assertThatIllegalArgumentException()
				.isThrownBy(() -> customer.send(new MetaCustomer.Typed("12345", null, "hi", null)));
		assertThatIllegalArgumentException()
				.isThrownBy(() -> customer.send(new MetaCustomer.Typed("447700900123", null, "  ", null)));
		assertThatIllegalArgumentException()
				.isThrownBy(() -> customer.send(new MetaCustomer.Typed("447700900123", null, "x".repeat(4097), null)));
		assertThatIllegalArgumentException()
				.isThrownBy(() -> customer.send(new MetaCustomer.Typed("447700900123", null, "hi", "199999999999999")));
		assertThat(captured).isEmpty();
	}

	@Test
	void recordsAnUnreachableWebhook() {
		server.stop(0);

		MetaCustomer.Sent sent = customer.send(new MetaCustomer.Typed("447700900123", "Ana", "hello", null));

		assertThat(sent.webhookStatus()).isNull();
		assertThat(sent.webhookError()).contains("could not reach");
	}
}

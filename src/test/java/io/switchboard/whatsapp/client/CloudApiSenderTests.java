package io.switchboard.whatsapp.client;

import static org.assertj.core.api.Assertions.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantAlert;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.OutboundContent.Button;
import io.switchboard.whatsapp.OutboundContent.ReplyButtons;
import io.switchboard.whatsapp.OutboundContent.Text;
import io.switchboard.whatsapp.OutboundMessage;
import io.switchboard.whatsapp.Recipient;
import io.switchboard.whatsapp.WhatsAppSendAccepted;
import io.switchboard.whatsapp.WhatsAppSendFailed;
import io.switchboard.whatsapp.WhatsAppSendFailed.Kind;
import io.switchboard.whatsapp.client.FakeGraph.Recorded;
import io.switchboard.whatsapp.client.FakeGraph.Reply;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CloudApiSenderTests {

	static final CloudApiSettings SETTINGS = new CloudApiSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), 4,
			Duration.ofMillis(10), Duration.ofMillis(50), null, null);

	static final String CUSTOMER = "447700900101";
	static final String SUCCESS_WAMID = "wamid.HBgMNDQ3NzAwOTAwMTAxFQIAERgSRkMwMkJBQjRFQTMwNUI2NzMxQTBCQ0QzRjVFQzRBM0QA";
	static final String READ_WAMID = "wamid.HBgMNDQ3NzAwOTAwMTAxFQIAEhggNkM4NUY1QjZFMzEyODQ3QkFCNUZGQkMxNzA1RUFDMEIA";
	static final String TYPING_WAMID = "wamid.HBgMNDQ3NzAwOTAwMTAxFQIAEhggREE0RDRGQ0NDMTI3RTI0NEEyNDEyN0MzNTBEMzYwM0EA";

	FakeGraph graph;
	SimpleMeterRegistry meters;
	RecordingTenants tenants;
	JsonMapper json = JsonMapper.builder().build();
	CloudApiSender sender;
	Tenant acme;

	@BeforeEach
	void setUp() {
		graph = FakeGraph.start();
		meters = new SimpleMeterRegistry();
		tenants = new RecordingTenants();
		sender = new CloudApiSender(tenants, json, SETTINGS, meters, new SendPacer(SETTINGS));
		acme = graph.tenant("acme");
	}

	@AfterEach
	void tearDown() {
		graph.close();
	}

	@Test
	void sendsTextExactlyAsTheCorpusAndReturnsTheWamid() {
		WhatsAppSendAccepted accepted = sender.send(acme, new OutboundMessage(Recipient.phone(CUSTOMER), Text.of(
				"Hi Ana, your kettle (order AB-1234/2) shipped today. Track it here: https://track.example.com/AB-1234"),
				null, "f20c37d97e382ca41fda843555907b74"));

		assertThat(accepted.wamid()).isEqualTo(SUCCESS_WAMID);
		assertThat(accepted.waId()).isEqualTo(CUSTOMER);
		assertThat(accepted.messageStatus()).isNull();
		assertThat(graph.requests()).singleElement().satisfies(request -> {
			assertThat(request.path()).isEqualTo("/v23.0/" + FakeGraph.PHONE_NUMBER_ID + "/messages");
			assertThat(request.authorization()).isEqualTo("Bearer " + FakeGraph.TOKEN);
			assertThat(request.contentType()).isEqualTo("application/json");
			assertThat(tree(request)).isEqualTo(corpus("01-text-preview-url.json"));
		});
		assertThat(timer("send", "success")).isEqualTo(1);
	}

	@Test
	void addressesCustomersWhoHideTheirNumberByBsuid() {
		sender.send(acme, new OutboundMessage(Recipient.bsuid("US.80417735526019448823"),
				Text.of("Hi! Yes, we ship to Berlin. Delivery takes 3-5 working days."), null,
				"cf3d33db9ae4f19229fa31a395ceebaa"));

		assertThat(tree(graph.requests().get(0))).isEqualTo(corpus("14-text-bsuid-recipient.json"));
	}

	@Test
	void sendsReplyButtonsAsTheCorpus() {
		sender.send(acme, new OutboundMessage(Recipient.phone(CUSTOMER),
				new ReplyButtons("Was this answer helpful?", List.of(new Button("helpful_yes", "Yes, thanks"),
						new Button("helpful_no", "No"), new Button("agent", "Talk to an agent")), null, null),
				null, "cca1419d2b65ec07cfbe1510850dc613"));

		assertThat(tree(graph.requests().get(0))).isEqualTo(corpus("10-interactive-buttons.json"));
	}

	@Test
	void recordsTheMessageStatusOfTemplateLikeAnswers() {
		graph.reply(Reply.corpus(200, "success-template.json"));

		WhatsAppSendAccepted accepted = sender.send(acme, text(CUSTOMER));

		assertThat(accepted.wamid()).startsWith("wamid.");
		assertThat(accepted.messageStatus()).isEqualTo("accepted");
	}

	@Test
	void marksReadAsTheCorpus() {
		sender.markRead(acme, READ_WAMID, false);

		assertThat(graph.requests()).singleElement()
			.satisfies(request -> assertThat(tree(request)).isEqualTo(corpus("13-mark-as-read.json")));
		assertThat(timer("mark-read", "success")).isEqualTo(1);
	}

	@Test
	void showsTypingAsTheCorpus() {
		sender.markRead(acme, TYPING_WAMID, true);

		assertThat(tree(graph.requests().get(0))).isEqualTo(corpus("15-typing-indicator.json"));
	}

	@Test
	void toleratesInvalidParameterOnMarkRead() {
		graph.reply(new Reply(400, FakeGraph.error(100, "Invalid parameter", "Invalid message id")));

		assertThatNoException().isThrownBy(() -> sender.markRead(acme, "wamid.OUTBOUND", true));
		assertThat(graph.requests()).hasSize(1);
		assertThat(timer("mark-read", "tolerated")).isEqualTo(1);
	}

	@Test
	void refusesMarkReadWithoutConfirmation() {
		graph.reply(new Reply(200, "{\"success\":false}"));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.markRead(acme, READ_WAMID, false))
			.satisfies(failed -> assertThat(failed.kind()).isEqualTo(Kind.REFUSED));
	}

	@Test
	void reportsClosedWindowWithoutRetrying() {
		graph.reply(Reply.corpus(400, "error-131047.json"));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> {
				assertThat(failed.kind()).isEqualTo(Kind.WINDOW_CLOSED);
				assertThat(failed.code()).isEqualTo(131047);
				assertThat(failed.getMessage()).isEqualTo("(#131047) Re-engagement message");
				assertThat(failed.details()).startsWith("Message failed to send because more than 24 hours");
				assertThat(failed.retryAfter()).isNull();
				assertThat(failed.reason()).startsWith("WhatsApp error 131047: Message failed to send");
			});
		assertThat(graph.requests()).hasSize(1);
		assertThat(timer("send", "window-closed")).isEqualTo(1);
	}

	@Test
	void retriesThroughputLimitThenSends() {
		graph.reply(Reply.corpus(400, "error-130429.json"));

		WhatsAppSendAccepted accepted = sender.send(acme, text(CUSTOMER));

		assertThat(accepted.wamid()).isEqualTo(SUCCESS_WAMID);
		assertThat(graph.requests()).hasSize(2);
		assertThat(graph.requests().get(1).body()).isEqualTo(graph.requests().get(0).body());
		assertThat(timer("send", "retried")).isEqualTo(1);
		assertThat(timer("send", "success")).isEqualTo(1);
	}

	@Test
	void handsThroughputLimitBackAfterMaxAttempts() {
		graph.replyAlways(Reply.corpus(400, "error-130429.json"));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> {
				assertThat(failed.kind()).isEqualTo(Kind.RETRY_LATER);
				assertThat(failed.code()).isEqualTo(130429);
				assertThat(failed.details()).isEqualTo("Cloud API message throughput has been reached.");
				assertThat(failed.retryAfter()).as("no Retry-After: the work channel's backoff decides").isNull();
			});
		assertThat(graph.requests()).hasSize(SETTINGS.maxAttempts());
		assertThat(timer("send", "retried")).isEqualTo(SETTINGS.maxAttempts() - 1);
		assertThat(timer("send", "retry-later")).isEqualTo(1);
	}

	@Test
	void handsAppCallLimitBackForAMinute() {
		graph.replyAlways(new Reply(429, FakeGraph.error(4, "(#4) Application request limit reached", null)));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> {
				assertThat(failed.kind()).isEqualTo(Kind.RETRY_LATER);
				assertThat(failed.retryAfter()).isEqualTo(Duration.ofMinutes(1));
			});
		assertThat(graph.requests()).hasSize(SETTINGS.maxAttempts());
	}

	@Test
	void handsBackAtOnceWhenRetryAfterIsLongerThanTheBackoffInEitherForm() {
		String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
		graph.reply(new Reply(429, "").retryAfter("30"), new Reply(503, "").retryAfter(inTwoMinutes));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> {
				assertThat(failed.kind()).isEqualTo(Kind.RETRY_LATER);
				assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(30));
			});
		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> assertThat(failed.retryAfter()).isBetween(Duration.ofSeconds(115),
					Duration.ofSeconds(120)));
		assertThat(graph.requests()).hasSize(2);
		assertThat(timer("send", "retry-later")).isEqualTo(2);
	}

	@Test
	void waitsAShortRetryAfterInPlace() {
		graph.reply(new Reply(503, "").retryAfter("0"));

		assertThat(sender.send(acme, text(CUSTOMER)).wamid()).isEqualTo(SUCCESS_WAMID);
		assertThat(graph.requests()).hasSize(2);
	}

	@Test
	void holdsBackOnlyTheCustomerHitByThePairRateLimit() {
		graph.reply(Reply.corpus(400, "error-131056.json"));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> {
				assertThat(failed.kind()).isEqualTo(Kind.RETRY_LATER);
				assertThat(failed.code()).isEqualTo(131056);
				assertThat(failed.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
			});
		assertThat(graph.requests()).hasSize(1);

		long start = System.nanoTime();
		WhatsAppSendAccepted other = sender.send(acme, text("447700900202"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		assertThat(other.wamid()).isEqualTo(SUCCESS_WAMID);
		assertThat(graph.requests()).hasSize(2);

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> {
				assertThat(failed.kind()).isEqualTo(Kind.RETRY_LATER);
				assertThat(failed.code()).isEqualTo(131056);
				assertThat(failed.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(6));
			});
		assertThat(graph.requests()).hasSize(2);
		assertThat(counter("pair-rate")).isEqualTo(1);
	}

	@Test
	void raisesCredentialsAlertOnceAndStopsCallingWhatsApp() {
		graph.reply(Reply.corpus(401, "error-190.json"));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> {
				assertThat(failed.kind()).isEqualTo(Kind.CREDENTIALS);
				assertThat(failed.code()).isEqualTo(190);
				assertThat(failed.getMessage()).startsWith("Error validating access token");
			});
		assertThat(tenants.raised).singleElement().satisfies(alert -> {
			assertThat(alert.tenantId()).isEqualTo("acme");
			assertThat(alert.kind()).isEqualTo(TenantAlert.WHATSAPP_CREDENTIALS_INVALID);
			assertThat(alert.detail()).startsWith("WhatsApp refused the access token (error 190")
				.contains("Dx9Cv8Bn7Ma6Ls5Kd4Jf3Hg")
				.doesNotContain(FakeGraph.TOKEN);
		});

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> assertThat(failed.kind()).isEqualTo(Kind.CREDENTIALS));
		assertThatExceptionOfType(WhatsAppSendFailed.class)
			.isThrownBy(() -> sender.markRead(acme, READ_WAMID, false))
			.satisfies(failed -> assertThat(failed.kind()).isEqualTo(Kind.CREDENTIALS));
		assertThat(graph.requests()).hasSize(1);
		assertThat(tenants.raised).hasSize(1);
	}

	@Test
	void treatsUncodedUnauthorizedAsRefusedCredentials() {
		graph.reply(new Reply(401, ""));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> {
				assertThat(failed.kind()).isEqualTo(Kind.CREDENTIALS);
				assertThat(failed.code()).isZero();
			});
		assertThat(tenants.raised).hasSize(1);
		assertThat(graph.requests()).hasSize(1);
	}

	@Test
	void rejectsInvalidParameterOnSendWithoutRetrying() {
		graph.reply(new Reply(400, FakeGraph.error(100, "(#100) Invalid parameter", "Parameter 'to' is invalid")));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> {
				assertThat(failed.kind()).isEqualTo(Kind.INVALID_REQUEST);
				assertThat(failed.details()).isEqualTo("Parameter 'to' is invalid");
			});
		assertThat(graph.requests()).hasSize(1);
	}

	@Test
	void classifiesByErrorCodeNotByHttpStatus() {
		graph.reply(new Reply(500, FakeGraph.error(131026, "Message undeliverable", null)));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> assertThat(failed.kind()).isEqualTo(Kind.UNDELIVERABLE));
		assertThat(graph.requests()).hasSize(1);
	}

	@Test
	void retriesServerErrorThenSends() {
		graph.reply(new Reply(500, "<html>Internal Server Error</html>"));

		assertThat(sender.send(acme, text(CUSTOMER)).wamid()).isEqualTo(SUCCESS_WAMID);
		assertThat(graph.requests()).hasSize(2);
	}

	@Test
	void retriesUnreachableGraphThenHandsBack() throws IOException {
		URI closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}

		assertThatExceptionOfType(WhatsAppSendFailed.class)
			.isThrownBy(() -> sender.send(FakeGraph.tenant("acme", closed, 80), text(CUSTOMER)))
			.satisfies(failed -> {
				assertThat(failed.kind()).isEqualTo(Kind.RETRY_LATER);
				assertThat(failed.code()).isZero();
				assertThat(failed.getMessage()).startsWith("WhatsApp did not answer send");
			});
		assertThat(timer("send", "retried")).isEqualTo(SETTINGS.maxAttempts() - 1);
	}

	@Test
	void refusesSuccessWithoutMessageIdWithoutResending() {
		graph.reply(new Reply(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[]}"));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> assertThat(failed.kind()).isEqualTo(Kind.REFUSED));
		assertThat(graph.requests()).hasSize(1);
	}

	@Test
	void capsLongErrorMessagesAndNeverShowsTheToken() {
		graph.reply(new Reply(400,
				FakeGraph.error(368, "Blocked for token " + FakeGraph.TOKEN + " " + "y".repeat(5_000), null)));

		assertThatExceptionOfType(WhatsAppSendFailed.class).isThrownBy(() -> sender.send(acme, text(CUSTOMER)))
			.satisfies(failed -> {
				assertThat(failed.kind()).isEqualTo(Kind.REFUSED);
				assertThat(failed.getMessage()).hasSizeLessThanOrEqualTo(300).doesNotContain(FakeGraph.TOKEN);
				assertThat(failed.reason()).doesNotContain(FakeGraph.TOKEN);
			});
	}

	@Test
	void pacesSendsToTheNumbersThroughput() {
		Tenant slow = graph.tenant("slow", 10);

		long start = System.nanoTime();
		for (int i = 0; i < 15; i++) {
			sender.send(slow, text("4477009003" + i));
		}

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
		assertThat(graph.requests()).hasSize(15);
		assertThat(counter("throughput")).isPositive();
		assertThat(meters.find(CloudApiSender.PACING_WAIT).timer()).isNotNull();
	}

	static OutboundMessage text(String to) {
		return new OutboundMessage(Recipient.phone(to), Text.of("Your parcel is on its way"), null, null);
	}

	JsonNode tree(Recorded request) {
		return json.readTree(request.body());
	}

	JsonNode corpus(String name) {
		return json.readTree(FakeGraph.corpus(name));
	}

	long timer(String operation, String outcome) {
		Timer timer = meters.find(CloudApiSender.REQUESTS).tags("operation", operation, "outcome", outcome).timer();
		return timer == null ? 0 : timer.count();
	}

	double counter(String reason) {
		Counter counter = meters.find(CloudApiSender.PACED).tag("reason", reason).counter();
		return counter == null ? 0 : counter.count();
	}

	/**
	 * Tenants that only keep alerts, raising each kind once per tenant as the real ones do.
	 */
	static final class RecordingTenants implements Tenants {

		record Raised(String tenantId, String kind, String detail) {}

		final List<Raised> raised = new CopyOnWriteArrayList<>();
		final Map<String, TenantAlert> open = new ConcurrentHashMap<>();

		@Override
		public Optional<Tenant> byId(String tenantId) {
			return Optional.empty();
		}

		@Override
		public Optional<Tenant> byPhoneNumberId(String phoneNumberId) {
			return Optional.empty();
		}

		@Override
		public Optional<Tenant> byIntegrationId(String integrationId) {
			return Optional.empty();
		}

		@Override
		public Optional<Tenant> byWabaId(String wabaId) {
			return Optional.empty();
		}

		@Override
		public List<Tenant> all() {
			return List.of();
		}

		@Override
		public boolean acceptsApiKey(String tenantId, String presentedKey) {
			return false;
		}

		@Override
		public void raiseAlert(String tenantId, String kind, String detail) {
			if (open.putIfAbsent(tenantId + "/" + kind, new TenantAlert(kind, detail, Instant.now(Clock.systemUTC())))
					== null) {
				raised.add(new Raised(tenantId, kind, detail));
			}
		}

		@Override
		public List<TenantAlert> openAlerts(String tenantId) {
			return open.entrySet().stream().filter(e -> e.getKey().startsWith(tenantId + "/")).map(Map.Entry::getValue)
				.toList();
		}

		@Override
		public boolean hasOpenAlert(String tenantId, String kind) {
			return open.containsKey(tenantId + "/" + kind);
		}
	}
}

package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.harness.AppProcess;
import io.switchboard.platform.Secret;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public edge under pressure, over real HTTP against the application in a process of its own with a 256 MiB heap,
 * {@code -XX:+ExitOnOutOfMemoryError} and 1,000 tenants besides the sandbox one: held-open bodies do not exhaust the
 * heap or stop the relay, and a webhook costs one signature check however many tenants there are.
 */
class WebhookEdgeIntegrationTests {

	private static final String MANAGEMENT_KEY = "edge-test-scraper-key-5f1d";

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final int TENANTS = 1000;
	private static final int THREE_MB = 3 * 1024 * 1024;
	private static final String FORGED = "sha256=" + "ab".repeat(32);
	private static final Secret SHARED_APP_SECRET = Secret.of("one-meta-app-for-the-last-two-tenants");

	@TempDir
	static Path work;

	private static AppProcess app;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startWithAThousandTenants() throws Exception {
		Path tenants = work.resolve("tenants.yml");
		Files.writeString(tenants, tenantsYaml());
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		app = AppProcess.startClasses(SwitchboardApplication.class.getName(), work,
				List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1"),
				List.of("--spring.profiles.active=sandbox", "--spring.config.import=file:" + tenants,
						"--switchboard.encryption-key=" + Base64.getEncoder().encodeToString(key),
						"--switchboard.sandbox.with-production-settings=true",
						"--switchboard.database.data-dir=" + work.resolve("pg"),
						"--switchboard.work.poll-interval=100ms", "--logging.level.io.switchboard.work=warn",
						"--switchboard.management.api-key=" + MANAGEMENT_KEY));
		app.awaitReady(HttpClient.newHttpClient(), Duration.ofSeconds(90));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.stop();
		}
	}

	@Test
	void twoHundredHeldOpenThreeMegabyteBodiesLeaveTheProcessHealthyAndTheRelayWorking() throws Exception {
		ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
		CountDownLatch sent = new CountDownLatch(200);
		try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 200; i++) {
				senders.submit(() -> {
					try {
						Socket socket = new Socket("127.0.0.1", app.port());
						sockets.add(socket);
						OutputStream out = socket.getOutputStream();
						out.write(headers(THREE_MB, FORGED));
						byte[] part = new byte[64 * 1024];
						for (int k = 0; k < 16; k++) {
							out.write(part);
						}
						out.flush();
					}
					catch (IOException closedByTheServer) {
						// refused with 503 and closed: the budget was taken
					}
					finally {
						sent.countDown();
					}
				});
			}
			assertThat(sent.await(60, TimeUnit.SECONDS)).isTrue();
			try (ScheduledExecutorService dribble = Executors.newSingleThreadScheduledExecutor()) {
				dribble.scheduleAtFixedRate(
						() -> sockets.forEach(WebhookEdgeIntegrationTests::oneMoreByte), 1, 2, TimeUnit.SECONDS);

				assertThat(inFlightBytes()).isPositive().isLessThanOrEqualTo(64.0 * 1024 * 1024);
				assertThat(statusAndHeadersOfAnotherHeldBody()).startsWith("HTTP/1.1 503").contains("Retry-After: 5")
						.contains("application/problem+json");

				HttpResponse<String> health = http.send(management("/actuator/health"),
						HttpResponse.BodyHandlers.ofString());
				assertThat(health.statusCode()).isEqualTo(200);
				JsonNode components = JSON.readTree(health.body()).path("components");
				assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
				assertThat(components.path("workers").path("status").asString()).isEqualTo("UP");
				assertThat(components.path("workers").path("details").path("dispatch-inbound-whatsapp-messages")
						.path("state").asString()).isEqualTo("ALIVE");

				String wamid = MetaWebhooks.newWamid();
				long start = System.nanoTime();
				HttpResponse<String> normal = http.send(MetaWebhooks.signed(app.url("/webhook/whatsapp"),
						MetaWebhooks.text("447700900901", "Nora", wamid, "still there?"), MetaWebhooks.SANDBOX_APP_SECRET),
						HttpResponse.BodyHandlers.ofString());
				Duration answeredIn = Duration.ofNanos(System.nanoTime() - start);
				assertThat(normal.statusCode()).isEqualTo(200);
				assertThat(answeredIn).isLessThan(Duration.ofSeconds(2));
				new GenesysSimulatorClient(app.port()).awaitMessages(wamid, m -> m.size() == 1, Duration.ofSeconds(20));
				dribble.shutdownNow();
			}
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
		assertThat(app.alive()).as("the process survived; its log ends with:\n" + app.tail(20)).isTrue();
	}

	@Test
	void anInvalidWebhookCostsOneSignatureCheckWithAThousandTenants() throws Exception {
		URI whatsapp = app.url("/webhook/whatsapp");
		byte[] lastTenants = MetaWebhooks.text(phoneNumberId(TENANTS - 1), "447700900902", "Lars",
				MetaWebhooks.newWamid(), "hello");

		double before = signatureChecks("whatsapp");
		assertThat(send(MetaWebhooks.post(whatsapp, lastTenants, FORGED)).statusCode()).isEqualTo(401);
		assertThat(signatureChecks("whatsapp") - before).isEqualTo(1.0);

		before = signatureChecks("whatsapp");
		assertThat(send(MetaWebhooks.signed(whatsapp, lastTenants, SHARED_APP_SECRET)).statusCode()).isEqualTo(200);
		assertThat(signatureChecks("whatsapp") - before).as("a valid webhook of the last tenant").isEqualTo(1.0);

		byte[] integrationOfTheLast = GenesysWebhookPayloads.text(integrationId(TENANTS - 1),
				GenesysWebhookPayloads.newId(), "447700900902", "Phone", "hi");
		before = signatureChecks("genesys");
		assertThat(send(GenesysWebhookPayloads.post(app.url("/webhook/genesys/outbound"), integrationOfTheLast,
				"sha256=" + Base64.getEncoder().encodeToString(new byte[32]))).statusCode()).isEqualTo(401);
		assertThat(signatureChecks("genesys") - before).isEqualTo(1.0);
	}

	@Test
	void aNotificationAddressingSeveralTenantsMustBeSignedForEachAndCostsOneCheckPerDistinctSecret() throws Exception {
		URI whatsapp = app.url("/webhook/whatsapp");
		byte[] twoApps = notification(phoneNumberId(1), phoneNumberId(2));
		double before = signatureChecks("whatsapp");
		assertThat(send(MetaWebhooks.signed(whatsapp, twoApps, appSecret(1))).statusCode()).isEqualTo(401);
		assertThat(signatureChecks("whatsapp") - before).isEqualTo(2.0);

		byte[] oneApp = notification(phoneNumberId(TENANTS - 2), phoneNumberId(TENANTS - 1));
		before = signatureChecks("whatsapp");
		assertThat(send(MetaWebhooks.signed(whatsapp, oneApp, SHARED_APP_SECRET)).statusCode()).isEqualTo(200);
		assertThat(signatureChecks("whatsapp") - before).isEqualTo(1.0);
	}

	@Test
	void aMissingSignatureIsRefusedBeforeTheBodyIsRead() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", app.port())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(headers(THREE_MB, null));
			assertThat(statusAndHeaders(socket.getInputStream())).startsWith("HTTP/1.1 401");
		}
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String statusAndHeadersOfAnotherHeldBody() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", app.port())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(headers(THREE_MB, FORGED));
			return statusAndHeaders(socket.getInputStream());
		}
	}

	private static String statusAndHeaders(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		for (int c = in.read(); c >= 0 && !head.toString().endsWith("\r\n\r\n"); c = in.read()) {
			head.append((char) c);
		}
		return head.toString();
	}

	private static byte[] headers(int contentLength, String signature) {
		return ("POST /webhook/whatsapp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + contentLength + "\r\n"
				+ (signature == null ? "" : "X-Hub-Signature-256: " + signature + "\r\n") + "\r\n")
				.getBytes(StandardCharsets.US_ASCII);
	}

	private static void oneMoreByte(Socket socket) {
		try {
			socket.getOutputStream().write(' ');
		}
		catch (IOException closed) {
			// refused earlier
		}
	}

	private double inFlightBytes() throws IOException, InterruptedException {
		return metric("switchboard_webhooks_in_flight_bytes", "");
	}

	private HttpRequest management(String path) {
		return HttpRequest.newBuilder(app.url(path)).header("Authorization", "Bearer " + MANAGEMENT_KEY).build();
	}

	private double signatureChecks(String webhook) throws IOException, InterruptedException {
		return metric("switchboard_webhooks_signature_checks_total", "webhook=\"" + webhook + "\"");
	}

	private double metric(String name, String label) throws IOException, InterruptedException {
		String metrics = send(management("/actuator/prometheus")).body();
		return metrics.lines().filter(line -> (line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(label))
				.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
	}

	private static byte[] notification(String... phoneNumberIds) {
		ObjectNode root = null;
		ArrayNode entries = null;
		for (String phoneNumberId : phoneNumberIds) {
			JsonNode one = JSON.readTree(MetaWebhooks.text(phoneNumberId, "447700900903", "Mia",
					MetaWebhooks.newWamid(), "to two numbers"));
			if (root == null) {
				root = (ObjectNode) one;
				entries = (ArrayNode) root.path("entry");
			}
			else {
				entries.add(one.path("entry").get(0));
			}
		}
		return JSON.writeValueAsBytes(root);
	}

	private static String phoneNumberId(int tenant) {
		return "2%014d".formatted(tenant);
	}

	private static String integrationId(int tenant) {
		return UUID.nameUUIDFromBytes(("integration-" + tenant).getBytes(StandardCharsets.UTF_8)).toString();
	}

	private static Secret appSecret(int tenant) {
		return tenant >= TENANTS - 2 ? SHARED_APP_SECRET : Secret.of("app-secret-of-tenant-%04d".formatted(tenant));
	}

	private static String tenantsYaml() {
		StringBuilder yaml = new StringBuilder("switchboard:\n  tenants:\n");
		for (int t = 0; t < TENANTS; t++) {
			yaml.append("""
					    - id: t%1$04d
					      api-key: api-key-of-tenant-%1$04d
					      whatsapp:
					        phone-number-id: "%2$s"
					        access-token: access-token-%1$04d
					        app-secret: %3$s
					        verify-token: verify-token-%1$04d
					        graph-base-url: http://127.0.0.1:9/graph
					      genesys:
					        login-base-url: http://127.0.0.1:9/login
					        api-base-url: http://127.0.0.1:9/api
					        client-id: client-%1$04d
					        client-secret: client-secret-%1$04d
					        integration-id: %4$s
					        webhook-secret: webhook-secret-of-tenant-%1$04d
					""".formatted(t, phoneNumberId(t), appSecret(t).reveal(), integrationId(t)));
		}
		return yaml.toString();
	}
}

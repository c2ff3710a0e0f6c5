package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.harness.AppProcess;
import io.switchboard.harness.ExternalPostgres;
import io.switchboard.harness.StandInTenant;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway of {@code deploy/nginx} (docs/gateway.md) as Debian's nginx runs it, in front of two processes of the
 * application on the machine's PostgreSQL: an edge ({@code --switchboard.roles=edge}), to which the rendered
 * configuration routes every public path, and a worker ({@code --switchboard.roles=worker}), which relays what the
 * edge took to the sandbox's Genesys Cloud simulator on the edge. Skipped when nginx is not installed or there is no
 * PostgreSQL at 127.0.0.1:5432.
 */
class NginxGatewayIntegrationTests {

	private static final Path TEMPLATE = Path.of("deploy", "nginx", "templates", "switchboard.conf.template");
	private static final Duration START = Duration.ofSeconds(90);
	private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String FORGED = "sha256=" + "ab".repeat(32);
	private static final String PROBLEMS = "https://switchboard.example/problems/";

	@TempDir
	static Path work;

	private static ExternalPostgres database;
	private static AppProcess edge;
	private static AppProcess worker;
	private static Process nginx;
	private static int gatewayPort;

	private final HttpClient http = client(null);

	@BeforeAll
	static void startTwoProcessesBehindNginx() throws Exception {
		Optional<Path> binary = nginxBinary();
		assumeTrue(binary.isPresent(), "nginx is not installed (apt-get install nginx-light)");
		StringBuilder why = new StringBuilder();
		String name = "switchboard_nginx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Optional<ExternalPostgres> postgres = ExternalPostgres.create("127.0.0.1", 5432, "postgres", "", name, why);
		assumeTrue(postgres.isPresent(), "No PostgreSQL at 127.0.0.1:5432 (user postgres, trust): " + why);
		database = postgres.get();

		int edgePort = AppProcess.freePort();
		List<String> common = List.of("--spring.profiles.active=sandbox", "--switchboard.database.embedded=false",
				"--switchboard.sandbox.with-production-settings=true",
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
				"--switchboard.encryption-key=" + StandInTenant.encryptionKey(),
				"--switchboard.sandbox.public-url=http://127.0.0.1:" + edgePort,
				"--switchboard.work.poll-interval=100ms", "--logging.level.io.switchboard.work=warn");
		edge = AppProcess.startClasses(SwitchboardApplication.class.getName(), work.resolve("edge"), edgePort, JVM,
				with(common, "--switchboard.roles=edge"));
		worker = AppProcess.startClasses(SwitchboardApplication.class.getName(), work.resolve("worker"),
				AppProcess.freePort(), JVM, with(common, "--switchboard.roles=worker"));
		CompletableFuture<Duration> edgeReady = CompletableFuture.supplyAsync(ready(edge), Thread.ofVirtual()::start);
		ready(worker).get();
		edgeReady.join();

		gatewayPort = AppProcess.freePort();
		Path prefix = Files.createDirectories(work.resolve("nginx"));
		Files.createDirectories(prefix.resolve("logs"));
		String upstream = "127.0.0.1:" + edge.port();
		Files.writeString(prefix.resolve("switchboard.conf"), render(Files.readString(TEMPLATE),
				Map.of("SWITCHBOARD_LISTEN", String.valueOf(gatewayPort), "SWITCHBOARD_SERVER_NAME", "_",
						"SWITCHBOARD_GATEWAY_UPSTREAM", upstream, "SWITCHBOARD_WHATSAPP_WEBHOOK_UPSTREAM", upstream,
						"SWITCHBOARD_WHATSAPP_API_UPSTREAM", upstream, "SWITCHBOARD_GENESYS_WEBHOOK_UPSTREAM",
						upstream, "SWITCHBOARD_GENESYS_API_UPSTREAM", upstream, "SWITCHBOARD_WIDGET_UPSTREAM",
						upstream)));
		Files.writeString(prefix.resolve("nginx.conf"), topLevel());
		Files.createDirectories(prefix.resolve("temp"));
		nginx = new ProcessBuilder(binary.get().toString(), "-p", prefix + "/", "-e", "logs/error.log", "-c",
				"nginx.conf", "-g", "daemon off;").redirectErrorStream(true)
				.redirectOutput(prefix.resolve("logs/nginx.out").toFile()).start();
		awaitGateway(prefix);
	}

	@AfterAll
	static void stop() {
		if (nginx != null) {
			nginx.destroy();
			try {
				if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
					nginx.destroyForcibly();
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				nginx.destroyForcibly();
			}
		}
		Stream.of(edge, worker).filter(p -> p != null).map(p -> Thread.ofVirtual().start(p::close)).toList()
				.forEach(t -> {
					try {
						t.join();
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
				});
		if (database != null) {
			database.close();
		}
	}

	@Test
	void aCorrectlySignedWhatsAppWebhookPassesTheGatewayUnchangedAndTheWorkerRelaysItToGenesys() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		HttpResponse<String> answer = send(http, MetaWebhooks.signed(gateway("/webhook/whatsapp"),
				MetaWebhooks.text("447700900911", "Greta", wamid, "through the gateway"),
				MetaWebhooks.SANDBOX_APP_SECRET));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		List<JsonNode> relayed = new GenesysSimulatorClient(edge.port()).awaitMessages(wamid, m -> m.size() == 1,
				Duration.ofSeconds(30));
		assertThat(relayed.getFirst().toString()).contains("through the gateway");
	}

	@Test
	void aWronglySignedWebhookGetsTheApplicationsInvalidSignatureProblemThroughTheGateway() throws Exception {
		HttpResponse<String> whatsapp = send(http, MetaWebhooks.post(gateway("/webhook/whatsapp"),
				MetaWebhooks.text("447700900912", "Hugo", MetaWebhooks.newWamid(), "forged"), FORGED));
		HttpResponse<String> genesys = send(http, GenesysWebhookPayloads.post(gateway("/webhook/genesys/outbound"),
				GenesysWebhookPayloads.text(GenesysWebhookPayloads.SANDBOX_INTEGRATION, GenesysWebhookPayloads.newId(),
						"447700900912", "Phone", "forged"),
				"sha256=" + "A".repeat(43) + "="));

		for (HttpResponse<String> answer : List.of(whatsapp, genesys)) {
			assertThat(answer.statusCode()).isEqualTo(401);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(type(answer)).isEqualTo(PROBLEMS + "invalid-signature");
		}
	}

	@Test
	void aBodyOverTheWebhookOrApiLimitIsRefusedByTheGatewayBeforeTheApplication() throws Exception {
		byte[] overThreeMegabytes = new byte[3 * 1024 * 1024 + 1];
		Arrays.fill(overThreeMegabytes, (byte) ' ');
		HttpResponse<String> webhook = send(http,
				MetaWebhooks.signed(gateway("/webhook/whatsapp"), overThreeMegabytes, MetaWebhooks.SANDBOX_APP_SECRET));
		HttpResponse<String> api = send(http, HttpRequest.newBuilder(gateway("/whatsapp/send/text"))
				.header("Content-Type", "application/json").header("X-Tenant-ID", "sandbox")
				.header("Authorization", "Bearer sandbox-api-key")
				.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + "x".repeat(65 * 1024) + "\"}")).build());

		for (HttpResponse<String> answer : List.of(webhook, api)) {
			assertThat(answer.statusCode()).isEqualTo(413);
			assertThat(type(answer)).isEqualTo(PROBLEMS + "body-too-large");
			assertThat(JSON.readTree(answer.body()).path("detail").asString()).contains("gateway's limit");
		}
	}

	@Test
	void aBurstOfWebhooksFromOneAddressAboveTheRateLimitIsAnswered429() throws Exception {
		HttpClient otherAddress = client(InetAddress.getByName("127.0.0.2"));
		byte[] body = MetaWebhooks.text("447700900913", "Ida", MetaWebhooks.newWamid(), "burst");
		long start = System.nanoTime();
		List<HttpResponse<String>> answers = burst(300,
				() -> MetaWebhooks.post(gateway("/webhook/whatsapp"), body, FORGED), otherAddress);
		double seconds = (System.nanoTime() - start) / 1e9;

		List<HttpResponse<String>> limited = answers.stream().filter(a -> a.statusCode() == 429).toList();
		long passed = answers.stream().filter(a -> a.statusCode() == 401).count();
		assertThat(passed + limited.size()).as("every answer is the application's 401 or the gateway's 429")
				.isEqualTo(answers.size());
		assertThat(limited).isNotEmpty();
		assertThat(passed).as("burst 100 plus 50 per second over %.1f s", seconds)
				.isLessThanOrEqualTo(101 + (long) Math.ceil(50 * seconds));
		assertThat(type(limited.getFirst())).isEqualTo(PROBLEMS + "rate-limited");
		assertThat(limited.getFirst().headers().firstValue("Retry-After")).hasValue("1");
	}

	@Test
	void aBurstOfApiCallsWithOneKeyAboveTheRateLimitIsAnswered429() throws Exception {
		HttpClient otherAddress = client(InetAddress.getByName("127.0.0.3"));
		List<HttpResponse<String>> answers = burst(120, () -> HttpRequest.newBuilder(gateway("/api/tenant"))
				.header("X-Tenant-ID", "sandbox").header("Authorization", "Bearer a-key-of-the-burst").GET().build(),
				otherAddress);

		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(401, 429).contains(429);
		assertThat(answers.stream().filter(a -> a.statusCode() == 401).count()).as("burst 40 plus 20 per second")
				.isLessThan(100);
	}

	@Test
	void theApiRoutesToTheEdgeWithTheTenantsKey() throws Exception {
		HttpResponse<String> tenant = send(http, HttpRequest.newBuilder(gateway("/api/tenant"))
				.header("X-Tenant-ID", "sandbox").header("Authorization", "Bearer sandbox-api-key").GET().build());

		assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(200);
		assertThat(JSON.readTree(tenant.body()).path("id").asString()).isEqualTo("sandbox");
	}

	@Test
	void theActuatorAndTheSandboxAreRefusedFromOutsideWhileHealthIsRouted() throws Exception {
		for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/env")) {
			HttpResponse<String> answer = send(http, HttpRequest.newBuilder(gateway(path)).GET().build());
			assertThat(answer.statusCode()).as(path).isEqualTo(403);
			assertThat(type(answer)).as(path).isEqualTo(PROBLEMS + "forbidden");
		}
		assertThat(send(http, HttpRequest.newBuilder(edge.url("/sandbox/genesys/control/stats")).GET().build())
				.statusCode()).as("the simulator on the edge itself").isEqualTo(200);
		HttpResponse<String> sandbox = send(http,
				HttpRequest.newBuilder(gateway("/sandbox/genesys/control/stats")).GET().build());
		assertThat(sandbox.statusCode()).isEqualTo(404);
		assertThat(type(sandbox)).isEqualTo(PROBLEMS + "not-found");

		HttpResponse<String> health = send(http, HttpRequest.newBuilder(gateway("/health")).GET().build());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
	}

	private static List<HttpResponse<String>> burst(int requests, Supplier<HttpRequest> request, HttpClient client) {
		List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			all.add(client.sendAsync(request.get(), HttpResponse.BodyHandlers.ofString()));
		}
		return all.stream().map(CompletableFuture::join).toList();
	}

	private static HttpClient client(InetAddress localAddress) {
		HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5));
		if (localAddress != null) {
			builder.localAddress(localAddress);
		}
		return builder.build();
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request)
			throws IOException, InterruptedException {
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String type(HttpResponse<String> answer) {
		return JSON.readTree(answer.body()).path("type").asString();
	}

	private static URI gateway(String path) {
		return URI.create("http://127.0.0.1:" + gatewayPort + path);
	}

	/**
	 * Fills the template's {@code ${NAME}} placeholders, as envsubst does with the names of switchboard.env.
	 */
	static String render(String template, Map<String, String> values) {
		String rendered = template;
		for (Map.Entry<String, String> value : values.entrySet()) {
			rendered = rendered.replace("${" + value.getKey() + "}", value.getValue());
		}
		assertThat(rendered).as("every placeholder filled").doesNotContain("${SWITCHBOARD_");
		return rendered;
	}

	/**
	 * The top level a distribution's nginx.conf provides, with every path inside the test's prefix.
	 */
	private static String topLevel() {
		String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
		return user + """
				worker_processes 1;
				pid nginx.pid;
				error_log logs/error.log warn;
				events { worker_connections 1024; }
				http {
				    access_log logs/access.log;
				    client_body_temp_path temp/body;
				    proxy_temp_path temp/proxy;
				    fastcgi_temp_path temp/fastcgi;
				    uwsgi_temp_path temp/uwsgi;
				    scgi_temp_path temp/scgi;
				    include switchboard.conf;
				}
				""";
	}

	private static void awaitGateway(Path prefix) throws Exception {
		HttpClient probe = client(null);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			if (!nginx.isAlive()) {
				break;
			}
			try {
				if (send(probe, HttpRequest.newBuilder(gateway("/health")).GET().build()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("nginx did not route /health within 10 s: "
				+ Files.readString(prefix.resolve("logs/nginx.out"), StandardCharsets.UTF_8)
				+ (Files.exists(prefix.resolve("logs/error.log")) ? Files.readString(prefix.resolve("logs/error.log"))
						: ""));
	}

	private static Optional<Path> nginxBinary() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.concat(Arrays.stream(path.split(":")), Stream.of("/usr/sbin", "/sbin"))
				.filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "nginx")).filter(Files::isExecutable)
				.findFirst();
	}

	private static Supplier<Duration> ready(AppProcess process) {
		return () -> {
			try {
				return process.awaitReady(HttpClient.newHttpClient(), START);
			}
			catch (IOException | InterruptedException e) {
				throw new IllegalStateException(e);
			}
		};
	}

	private static List<String> with(List<String> common, String argument) {
		List<String> all = new ArrayList<>(common);
		all.add(argument);
		return all;
	}
}

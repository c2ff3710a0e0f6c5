package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.switchboard.SwitchboardApplication;
import io.switchboard.platform.ClusterOnce;
import io.switchboard.platform.Role;
import io.switchboard.work.WorkChannels;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.server.PathContainer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A process started as one of the seed's services ({@code --switchboard.roles=genesys-webhook}) with the seed's
 * port plan on.
 */
class ServiceRolesIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path data;

	private static ConfigurableApplicationContext app;
	private static int mainPort;
	private static int webhookPort;

	@BeforeAll
	static void start() throws IOException {
		mainPort = freePort();
		webhookPort = freePort();
		app = new SpringApplicationBuilder(SwitchboardApplication.class).run("--spring.profiles.active=sandbox",
				"--server.port=" + mainPort, "--switchboard.database.data-dir=" + data.resolve("pg"),
				"--switchboard.roles=genesys-webhook", "--switchboard.ports.enabled=true",
				"--switchboard.ports.of.genesys-webhook=" + webhookPort, "--switchboard.work.poll-interval=100ms");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void theMainPortAnswersHealthInTheSeedsShapeForTheRole() throws Exception {
		HttpResponse<String> health = get(mainPort, "/health");

		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode body = JSON.readTree(health.body());
		assertThat(body.get("status").asString()).isEqualTo("healthy");
		assertThat(body.get("service").asString()).isEqualTo("genesys-webhook");
	}

	@Test
	void theServicesPortAnswersHealthForItsService() throws Exception {
		HttpResponse<String> health = get(webhookPort, "/health");

		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode body = JSON.readTree(health.body());
		assertThat(body.get("status").asString()).isEqualTo("healthy");
		assertThat(body.get("service").asString()).isEqualTo("genesys-webhook");
	}

	@Test
	void theServicesPortAnswersItsPathAndRefusesAnotherServicesPath() throws Exception {
		HttpResponse<String> webhook = HTTP.send(HttpRequest.newBuilder(url(webhookPort, "/webhook/genesys/outbound"))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> whatsapp = get(webhookPort, "/webhook/whatsapp");
		HttpResponse<String> actuator = get(webhookPort, "/actuator/health");

		assertThat(webhook.statusCode()).as(webhook.body()).isNotEqualTo(404).isBetween(400, 499);
		assertThat(whatsapp.statusCode()).isEqualTo(404);
		assertThat(whatsapp.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(whatsapp.body()).get("type").asString()).endsWith("/not-found");
		assertThat(JSON.readTree(whatsapp.body()).get("detail").asString()).contains("genesys-webhook");
		assertThat(actuator.statusCode()).isEqualTo(404);
	}

	@Test
	void theMainPortAnswersOnlyThePlayedServicesPathsAndTheActuator() throws Exception {
		assertThat(get(mainPort, "/webhook/whatsapp?hub.mode=subscribe").statusCode()).isEqualTo(404);
		assertThat(get(mainPort, "/api/conversations").statusCode()).isEqualTo(404);
		assertThat(get(mainPort, "/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void theProcessConsumesNoWorkChannel() throws Exception {
		WorkChannels channels = app.getBean(WorkChannels.class);
		app.getBean(TransactionTemplate.class).executeWithoutResult(status -> channels
				.publish(WorkChannels.INBOUND_WHATSAPP_MESSAGES, "roles-test", Map.of("kind", "not consumed")));
		JdbcClient jdbc = app.getBean(JdbcClient.class);

		Thread.sleep(Duration.ofSeconds(1));

		assertThat(jdbc.sql("select status || '/' || attempts from work_items where ordering_key = 'roles-test'")
				.query(String.class).single()).isEqualTo("PENDING/0");
	}

	@Test
	void everyPathOfTheApplicationBelongsToAService() {
		List<String> unowned = new ArrayList<>();
		RequestMappingHandlerMapping mapping = app.getBean("requestMappingHandlerMapping",
				RequestMappingHandlerMapping.class);
		for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				String path = pattern.replaceAll("\\{[^}]+}", "x");
				if (!path.startsWith("/sandbox/") && !path.equals("/error") && !path.equals(HealthApi.PATH)
						&& Arrays.stream(Role.values())
								.noneMatch(role -> role.paths().stream().anyMatch(p -> matches(p, path)))) {
					unowned.add(pattern);
				}
			}
		}
		assertThat(unowned).isEmpty();
	}

	@Test
	void aClusterOnceJobRunsInOnlyOneOfTwoProcessesAtATime() {
		DataSource database = app.getBean(DataSource.class);
		ClusterOnce first = new ClusterOnce(provider(database));
		ClusterOnce second = new ClusterOnce(provider(database));
		AtomicBoolean secondRan = new AtomicBoolean();

		boolean firstRan = first.run("roles-test-job", Duration.ofMinutes(1), Duration.ZERO, () -> {
			Thread otherProcess = Thread.ofVirtual().start(() -> secondRan
					.set(second.run("roles-test-job", Duration.ofMinutes(1), Duration.ZERO, () -> {})));
			try {
				otherProcess.join();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});

		assertThat(firstRan).isTrue();
		assertThat(secondRan).isFalse();
		assertThat(second.run("roles-test-job", Duration.ofMinutes(1), Duration.ZERO, () -> {})).isTrue();
	}

	private static boolean matches(String pattern, String path) {
		return PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path));
	}

	private static JdbcTemplateLockProvider provider(DataSource database) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(new JdbcTemplate(database)).usingDbTime().build());
	}

	private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(url(port, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI url(int port, String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}

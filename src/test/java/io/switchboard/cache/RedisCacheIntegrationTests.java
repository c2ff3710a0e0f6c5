package io.switchboard.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.switchboard.SwitchboardApplication;
import io.switchboard.auth.GenesysTokens;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application (sandbox) with {@code switchboard.cache=redis} on a Redis server of the test's own, which the
 * test stops and starts again: the tenants' lookup keys and the Genesys tokens are in Redis, health says {@code UP};
 * with Redis away tokens are still issued (per process), health warns and readiness stays up; when Redis is back so is
 * health, and the keys are written again.
 */
class RedisCacheIntegrationTests {

	private static final String MANAGEMENT_KEY = "redis-test-management-key-5c1e";
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static @Nullable OwnRedis redis;
	private static @Nullable ConfigurableApplicationContext app;
	private static int port;

	@BeforeAll
	static void startRedisAndTheApplication() throws IOException {
		assumeThat(OwnRedis.available()).as("redis-server can be started").isTrue();
		redis = OwnRedis.start();
		Path data = Files.createTempDirectory("switchboard-redis-cache");
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		app = new SpringApplicationBuilder(SwitchboardApplication.class).run("--spring.profiles.active=sandbox",
				"--switchboard.sandbox.with-production-settings=true", "--server.port=" + port,
				"--switchboard.database.data-dir=" + data.resolve("pg"),
				"--switchboard.media.directory=" + data.resolve("media"),
				"--switchboard.management.api-key=" + MANAGEMENT_KEY, "--switchboard.cache=redis",
				"--spring.data.redis.port=" + redis.port());
	}

	@AfterAll
	static void stopTheApplicationAndRedis() {
		if (app != null) {
			app.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void sharesTenantKeysAndTokensThroughRedis() throws Exception {
		Tenant tenant = anyTenant();
		String token = app.getBean(GenesysTokens.class).tokenFor(tenant);

		assertThat(value("phone:" + tenant.whatsapp().phoneNumberId())).contains(tenant.id());
		assertThat(value("integration:" + tenant.genesys().integrationId())).contains(tenant.id());
		assertThat(value("tenant:" + tenant.id() + ":oauth:token")).hasValueSatisfying(
				v -> assertThat(v).as("sealed").doesNotContain(token));
		assertThat(health("/actuator/health/redis").body()).contains("\"status\":\"UP\"");
	}

	@Test
	void keepsIssuingTokensWhileRedisIsAwayWarnsAndComesBack() throws Exception {
		Tenant tenant = anyTenant();
		GenesysTokens tokens = app.getBean(GenesysTokens.class);
		String before = tokens.tokenFor(tenant);

		redis.stop();
		try {
			awaitHealth("WARNING");
			tokens.refresh(tenant, before);
			String during = tokens.tokenFor(tenant);

			assertThat(during).isNotBlank().isNotEqualTo(before);
			HttpResponse<String> component = health("/actuator/health/redis");
			assertThat(component.statusCode()).isEqualTo(200);
			assertThat(component.body()).contains("\"fallback\":\"in-process\"");
			assertThat(health("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
		}
		finally {
			redis.startAgain();
		}
		awaitHealth("UP");
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (value("phone:" + tenant.whatsapp().phoneNumberId()).isEmpty() && System.nanoTime() - deadline < 0) {
			Thread.sleep(50);
		}
		assertThat(value("phone:" + tenant.whatsapp().phoneNumberId())).as("written again").contains(tenant.id());
	}

	private static Tenant anyTenant() {
		return app.getBean(Tenants.class).all().getFirst();
	}

	private static Optional<String> value(String key) {
		return app.getBean(RedisLink.class)
			.attempt("read", r -> Optional.ofNullable(r.opsForValue().get(key)))
			.orElse(Optional.empty());
	}

	private static void awaitHealth(String status) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!health("/actuator/health/redis").body().contains("\"status\":\"" + status + "\"")) {
			assertThat(System.nanoTime() - deadline).as("redis health " + status + " within 10 s").isNegative();
			Thread.sleep(100);
		}
	}

	private static HttpResponse<String> health(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + MANAGEMENT_KEY).GET().build(), BodyHandlers.ofString());
	}
}

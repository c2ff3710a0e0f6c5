package io.switchboard.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.auth.GenesysTokens;
import io.switchboard.tenant.Tenants;

import java.net.http.HttpResponse.BodyHandlers;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with {@code switchboard.cache=redis} on the machine's Redis: the tenants' lookup keys are written at
 * start-up, Genesys tokens are stored under the tenant's key, and the {@code redis} health component is up.
 */
@TestPropertySource(properties = "switchboard.cache=redis")
class RedisCacheIntegrationTests extends AbstractIntegrationTests {

	@Autowired
	RedisLink redis;

	@Autowired
	Tenants tenants;

	@Autowired
	GenesysTokens tokens;

	@BeforeAll
	static void redisAnswers() {
		assumeThat(RedisForTests.answers()).as("Redis answers on 127.0.0.1:6379").isTrue();
	}

	@Test
	void writesTheTenantsLookupKeysAtStartUp() {
		assertThat(value("phone:" + ACME_PHONE_NUMBER_ID)).contains("acme");
		assertThat(value("integration:" + ACME_INTEGRATION)).contains("acme");
		assertThat(value("phone:" + GLOBEX_SECOND_NUMBER_ID)).contains("globex");
	}

	@Test
	void storesGenesysTokensUnderTheTenantsKey() {
		String token = tokens.tokenFor(tenants.byId("acme").orElseThrow());

		assertThat(value("tenant:acme:oauth:token")).hasValueSatisfying(v -> assertThat(v).doesNotContain(token));
	}

	@Test
	void reportsRedisUpInHealth() throws Exception {
		String health = http.send(management("/actuator/health/redis").GET().build(), BodyHandlers.ofString()).body();

		assertThat(health).contains("\"status\":\"UP\"");
	}

	private Optional<String> value(String key) {
		return redis.attempt("read", r -> Optional.ofNullable(r.opsForValue().get(key))).orElseThrow();
	}
}

package io.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.cache.RedisForTests;
import io.switchboard.cache.RedisLink;
import io.switchboard.genesys.FakeGenesys;
import io.switchboard.tenant.Tenant;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Genesys tokens shared through the real Redis by two "processes": two {@link ClientCredentialsTokens}, each with its
 * own Redis client, against one Genesys login that counts token requests.
 */
class RedisTokenStoreTests {

	final RedisForTests redis = new RedisForTests();
	FakeGenesys genesys;
	Tenant tenant;
	RedisLink firstLink;
	ClientCredentialsTokens first;
	ClientCredentialsTokens second;

	@BeforeEach
	void setUp() {
		assumeThat(RedisForTests.answers()).as("Redis answers on 127.0.0.1:6379").isTrue();
		genesys = FakeGenesys.start();
		tenant = genesys.tenant("shared-" + UUID.randomUUID());
		firstLink = redis.link(RedisForTests.PORT);
		first = process(firstLink);
		second = process(redis.link(RedisForTests.PORT));
	}

	@AfterEach
	void tearDown() {
		if (genesys != null) {
			firstLink.attempt("clean up", r -> r.delete(List.of(RedisTokenStore.key(tenant.id()),
					RedisTokenStore.lockKey(tenant.id()))));
			genesys.close();
		}
		redis.close();
	}

	static ClientCredentialsTokens process(RedisLink link) {
		return new ClientCredentialsTokens(new AuthSettings(Duration.ofSeconds(1), Duration.ofSeconds(3)),
				JsonMapper.builder().build(), new SimpleMeterRegistry(), new RedisTokenStore(link, Clock.systemUTC()));
	}

	@Test
	void concurrentCallersInTwoProcessesShareOneLogin() throws Exception {
		genesys.delayLogins(FakeGenesys.CLIENT_ID, Duration.ofMillis(300));
		AtomicInteger caller = new AtomicInteger();

		List<String> issued = ClientCredentialsTokensTests.concurrently(20,
				() -> (caller.incrementAndGet() % 2 == 0 ? first : second).tokenFor(tenant));

		assertThat(issued).hasSize(20).containsOnly(issued.get(0));
		assertThat(genesys.tokenRequests()).hasSize(1);
	}

	@Test
	void aTokenRejectedInBothProcessesIsReplacedOnce() throws Exception {
		String rejected = first.tokenFor(tenant);
		assertThat(second.tokenFor(tenant)).isEqualTo(rejected);
		genesys.delayLogins(FakeGenesys.CLIENT_ID, Duration.ofMillis(200));
		AtomicInteger caller = new AtomicInteger();

		List<String> replaced = ClientCredentialsTokensTests.concurrently(10, () -> {
			ClientCredentialsTokens process = caller.incrementAndGet() % 2 == 0 ? first : second;
			process.refresh(tenant, rejected);
			return process.tokenFor(tenant);
		});

		assertThat(replaced).doesNotContain(rejected).containsOnly(replaced.get(0));
		assertThat(genesys.tokenRequests()).hasSize(2);
	}

	@Test
	void storesTheTokenSealedUnderTheTenantsKeyUntilItsRefreshTime() {
		String token = first.tokenFor(tenant);

		Optional<String> stored = firstLink.attempt("read", r -> Optional.ofNullable(
				r.opsForValue().get(RedisTokenStore.key(tenant.id())))).orElseThrow();
		Optional<Long> ttl = firstLink.attempt("ttl", r -> r.getExpire(RedisTokenStore.key(tenant.id())));

		assertThat(stored).hasValueSatisfying(value -> assertThat(value).as("sealed")
			.doesNotContain(token)
			.doesNotContain(FakeGenesys.CLIENT_SECRET));
		assertThat(ttl).hasValueSatisfying(seconds -> assertThat(seconds).as("a day less a minute").isBetween(86_330L, 86_340L));
	}

	@Test
	void doesNotHandOutATokenOfTheTenantsPreviousClient() {
		String old = first.tokenFor(tenant);
		genesys.client("rotated-client", "rotated-secret-0123456789");

		String rotated = second.tokenFor(genesys.tenant(tenant.id(), "rotated-client", "rotated-secret-0123456789"));

		assertThat(rotated).isNotEqualTo(old).endsWith("rotated-client");
		assertThat(genesys.tokenRequests()).hasSize(2);
	}

	@Test
	void logsInPerProcessWhileRedisIsAway() {
		ClientCredentialsTokens cutOff = process(redis.link(RedisForTests.deadPort()));

		String token = cutOff.tokenFor(tenant);

		assertThat(token).startsWith("token-");
		assertThat(cutOff.tokenFor(tenant)).as("kept in the process meanwhile").isEqualTo(token);
		assertThat(genesys.tokenRequests()).hasSize(1);
	}
}

package io.switchboard.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The link to Redis against real servers: the machine's, a port where nothing listens, and a server of the test's own
 * that is stopped and started again.
 */
class RedisLinkTests {

	final RedisForTests redis = new RedisForTests();

	@AfterEach
	void close() {
		redis.close();
	}

	@Test
	void runsCommandsAndReportsUpWhileRedisAnswers() {
		assumeThat(RedisForTests.answers()).as("Redis answers on 127.0.0.1:6379").isTrue();
		RedisLink link = redis.link(RedisForTests.PORT);

		Optional<String> pong = link.attempt("test", r -> r.getRequiredConnectionFactory().getConnection().ping());

		assertThat(pong).contains("PONG");
		assertThat(link.away()).isFalse();
		assertThat(new RedisHealth(link).health().getStatus().getCode()).isEqualTo("UP");
	}

	@Test
	void answersEmptyAtOnceAndWarnsWhileRedisIsAway() {
		RedisLink link = redis.link(RedisForTests.deadPort());

		assertThat(link.attempt("test", r -> r.hasKey("anything"))).isEmpty();
		long started = System.nanoTime();
		assertThat(link.attempt("test", r -> r.hasKey("anything"))).isEmpty();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not tried again within a second")
			.isLessThan(Duration.ofMillis(50));
		assertThat(link.away()).isTrue();
		var health = new RedisHealth(link).health();
		assertThat(health.getStatus()).isEqualTo(RedisHealth.WARNING);
		assertThat(health.getDetails()).containsEntry("fallback", "in-process").containsKey("cause");
	}

	@Test
	void comesBackByItselfAndRunsTheReconnectHooks() throws Exception {
		assumeThat(OwnRedis.available()).as("redis-server can be started").isTrue();
		try (OwnRedis own = OwnRedis.start()) {
			RedisLink link = redis.link(own.port());
			CountDownLatch reconnected = new CountDownLatch(1);
			link.onReconnect(reconnected::countDown);
			assertThat(link.attempt("test", r -> r.hasKey("k"))).contains(false);

			own.stop();
			link.ping();
			assertThat(link.away()).isTrue();
			own.startAgain();
			Thread.sleep(RedisLink.RETRY_AFTER.toMillis());
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (link.away() && System.nanoTime() - deadline < 0) {
				link.ping();
				Thread.sleep(100);
			}

			assertThat(link.away()).isFalse();
			assertThat(reconnected.await(2, TimeUnit.SECONDS)).isTrue();
			assertThat(link.attempt("test", r -> r.hasKey("k"))).contains(false);
			assertThat(new RedisHealth(link).health().getStatus().getCode()).isEqualTo("UP");
		}
	}
}

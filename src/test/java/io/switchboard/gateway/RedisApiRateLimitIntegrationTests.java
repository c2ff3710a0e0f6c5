package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

import io.switchboard.harness.MachineRedis;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * The tenants' API buckets in a real Redis (127.0.0.1:6379), shared by two limiters standing for two processes;
 * skipped, with the reason, where no Redis answers. A Redis that does not answer is a closed port; the machine's
 * Redis is never stopped.
 */
class RedisApiRateLimitIntegrationTests {

	private static final RateLimitSettings SETTINGS = new RateLimitSettings(1, 4, RateLimitSettings.Store.REDIS,
			null, Duration.ofMillis(200));

	private static RedisClient client;

	@BeforeAll
	static void connect() {
		client = MachineRedis.connect();
	}

	@AfterAll
	static void shutdown() {
		if (client != null) {
			client.shutdown();
		}
	}

	@Test
	void twoProcessesShareOneBucketPerTenant() {
		assumeTrue(client != null, "No Redis at 127.0.0.1:6379; start one to run this test");
		String tenant = "tenant-" + UUID.randomUUID();
		try (RedisApiRateLimiter first = RedisApiRateLimiter.connect(client, SETTINGS);
				RedisApiRateLimiter second = RedisApiRateLimiter.connect(client, SETTINGS)) {
			int taken = 0;
			for (int i = 0; i < 4; i++) {
				taken += (i % 2 == 0 ? first : second).take(tenant).isZero() ? 1 : 0;
			}
			assertThat(taken).as("the burst of 4, across both").isEqualTo(4);
			assertThat(first.take(tenant)).as("past the burst").isPositive();
			assertThat(second.take(tenant)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
			assertThat(first.take("another-" + tenant)).as("another tenant").isZero();
		}
	}

	@Test
	void withoutRedisTheLimitIsCountedInProcessWithAHealthWarningAndComesBackByItself() throws Exception {
		assumeTrue(client != null, "No Redis at 127.0.0.1:6379; start one to run this test");
		AtomicBoolean redisAway = new AtomicBoolean(true);
		AtomicInteger connections = new AtomicInteger();
		RedisClient closed = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + closedPort()));
		FailoverApiRateLimiter limiter = new FailoverApiRateLimiter(() -> {
			connections.incrementAndGet();
			return RedisApiRateLimiter.connect(redisAway.get() ? closed : client, SETTINGS);
		}, new ApiRateLimiter.InProcess(SETTINGS), SETTINGS.redisRetry(), Clock.systemUTC());
		try {
			String tenant = "tenant-" + UUID.randomUUID();
			for (int i = 0; i < 4; i++) {
				assertThat(limiter.take(tenant)).isZero();
			}
			assertThat(limiter.take(tenant)).as("the in-process bucket holds the limit").isPositive();
			assertThat(limiter.health().getStatus()).isEqualTo(FailoverApiRateLimiter.WARNING);
			assertThat(connections).as("not asked again before the retry delay").hasValue(1);
			redisAway.set(false);
			Thread.sleep(300);
			assertThat(limiter.take(tenant)).as("a fresh bucket in Redis").isZero();
			assertThat(limiter.health().getStatus()).isEqualTo(Status.UP);
			try (RedisApiRateLimiter other = RedisApiRateLimiter.connect(client, SETTINGS)) {
				for (int i = 0; i < 3; i++) {
					assertThat(other.take(tenant)).isZero();
				}
				assertThat(other.take(tenant)).as("the bucket the failover used is in Redis").isPositive();
			}
		}
		finally {
			limiter.close();
			closed.shutdown();
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}

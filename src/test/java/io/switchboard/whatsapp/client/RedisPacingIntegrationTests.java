package io.switchboard.whatsapp.client;

import static org.assertj.core.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

import io.switchboard.harness.MachineRedis;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * Send pacing over a real Redis (127.0.0.1:6379): two adapters, each with its own connection and Bucket4j proxy
 * manager, stand for two processes. Skipped, with the reason, where no Redis answers. A Redis that does not answer is
 * a closed port; the machine's Redis is never stopped.
 */
class RedisPacingIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofMillis(500);

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

	private static void assumeRedis() {
		assumeTrue(client != null, "No Redis at 127.0.0.1:6379; start one to run this test");
	}

	@Test
	void twoProcessesPacingOneNumberNeverSendMoreThanItsLimitInAnySecond() throws Exception {
		assumeRedis();
		String number = "pace-" + UUID.randomUUID();
		int perSecond = 5;
		List<Long> granted = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean sending = new AtomicBoolean(true);
		try (RedisPacing first = RedisPacing.connect(client, TIMEOUT, Duration.ZERO);
				RedisPacing second = RedisPacing.connect(client, TIMEOUT, Duration.ZERO);
				ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			for (RedisPacing process : List.of(first, second)) {
				for (int thread = 0; thread < 3; thread++) {
					senders.submit(() -> {
						while (sending.get()) {
							MessagePacing.Waited turn = process.awaitTurn(number, null, perSecond);
							granted.add(System.nanoTime());
							process.finished(turn);
						}
						return null;
					});
				}
			}
			Thread.sleep(3_000);
			sending.set(false);
		}
		List<Long> times = new ArrayList<>(granted);
		Collections.sort(times);
		assertThat(times).as("turns over about 3 s at 5/s").hasSizeBetween(14, 22);
		for (int i = 0; i < times.size(); i++) {
			long start = times.get(i);
			long inSecond = times.stream().filter(t -> t >= start && t < start + 1_000_000_000L).count();
			assertThat(inSecond).as("turns in the second from turn %d", i).isLessThanOrEqualTo(perSecond);
		}
	}

	@Test
	void aPairHeldBackByOneProcessIsHeldBackInTheOtherAndEscalates() {
		assumeRedis();
		String number = "hold-" + UUID.randomUUID();
		try (RedisPacing first = RedisPacing.connect(client, TIMEOUT, Duration.ZERO);
				RedisPacing second = RedisPacing.connect(client, TIMEOUT, Duration.ZERO)) {
			assertThat(second.heldBack(number, "447700900123")).isZero();
			assertThat(first.holdBack(number, "447700900123", Duration.ofSeconds(6))).isEqualTo(Duration.ofSeconds(6));
			assertThat(second.heldBack(number, "447700900123")).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6));
			assertThat(second.heldBack(number, "447700900999")).as("another customer").isZero();
			assertThat(second.holdBack(number, "447700900123", Duration.ofSeconds(6)))
					.as("a second refusal holds four times longer").isEqualTo(Duration.ofSeconds(24));
			assertThat(first.holdBack(number, "447700900123", Duration.ofSeconds(6)))
					.as("the longest hold").isEqualTo(Duration.ofSeconds(96));
			assertThat(first.holdBack(number, "447700900123", Duration.ofSeconds(6))).isEqualTo(Duration.ofSeconds(96));
		}
	}

	@Test
	void withoutRedisSendsArePacedInProcessWithAHealthWarning() throws Exception {
		RedisClient closed = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + closedPort()));
		try {
			PacingSettings settings = new PacingSettings(PacingSettings.Store.REDIS, TIMEOUT, Duration.ofMinutes(1));
			PacingHealth health = new PacingHealth(settings, Clock.systemUTC());
			AtomicInteger connections = new AtomicInteger();
			FailoverPacing pacing = new FailoverPacing(() -> {
				connections.incrementAndGet();
				return RedisPacing.connect(closed, TIMEOUT, Duration.ZERO);
			}, new SendPacer(Clock.systemUTC(), Thread::sleep, Duration.ZERO), health);
			long start = System.nanoTime();
			for (int i = 0; i < 4; i++) {
				pacing.finished(pacing.awaitTurn("100000000000002", "447700900123", 2));
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the in-process window: 2 a second")
					.isGreaterThanOrEqualTo(Duration.ofMillis(900));
			assertThat(pacing.holdBack("100000000000002", "447700900123", Duration.ofSeconds(6)))
					.isEqualTo(Duration.ofSeconds(6));
			assertThat(pacing.heldBack("100000000000002", "447700900123")).isPositive();
			assertThat(health.health().getStatus()).isEqualTo(PacingHealth.WARNING);
			assertThat(connections).as("Redis is not asked again before the retry delay").hasValue(1);
		}
		finally {
			closed.shutdown();
		}
	}

	@Test
	void pacingReturnsToRedisByItselfOnceItAnswersAgain() throws Exception {
		assumeRedis();
		PacingSettings settings = new PacingSettings(PacingSettings.Store.REDIS, TIMEOUT, Duration.ofMillis(200));
		PacingHealth health = new PacingHealth(settings, Clock.systemUTC());
		AtomicBoolean redisAway = new AtomicBoolean(true);
		RedisClient closed = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + closedPort()));
		FailoverPacing pacing = new FailoverPacing(
				() -> RedisPacing.connect(redisAway.get() ? closed : client, TIMEOUT, Duration.ZERO),
				new SendPacer(Clock.systemUTC(), Thread::sleep, Duration.ZERO), health);
		try {
			String number = "back-" + UUID.randomUUID();
			pacing.finished(pacing.awaitTurn(number, null, 50));
			assertThat(health.health().getStatus()).isEqualTo(PacingHealth.WARNING);
			redisAway.set(false);
			Thread.sleep(300);
			pacing.finished(pacing.awaitTurn(number, null, 50));
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			assertThat(health.health().getDetails()).containsEntry("store", "redis");
			pacing.holdBack(number, "447700900123", Duration.ofSeconds(6));
			try (RedisPacing other = RedisPacing.connect(client, TIMEOUT, Duration.ZERO)) {
				assertThat(other.heldBack(number, "447700900123")).as("the hold is in Redis").isPositive();
			}
		}
		finally {
			pacing.close();
			closed.shutdown();
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}

package io.switchboard.tenant.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.switchboard.cache.OwnRedis;
import io.switchboard.cache.RedisForTests;
import io.switchboard.cache.RedisLink;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant changes through the real Redis between two "processes" (two feeds, each with its own Redis client).
 */
class RedisTenantChangesTests {

	final RedisForTests redis = new RedisForTests();
	final String phoneKey = "phone:test-" + UUID.randomUUID();
	final String goneKey = "integration:test-" + UUID.randomUUID();
	RedisTenantChanges one;
	RedisTenantChanges other;

	@AfterEach
	void tearDown() throws Exception {
		if (one != null) {
			redisLink().attempt("clean up", r -> r.delete(List.of(phoneKey, goneKey)));
			one.destroy();
		}
		if (other != null) {
			other.destroy();
		}
		redis.close();
	}

	private RedisLink redisLink() {
		return redis.link(RedisForTests.PORT);
	}

	@Test
	void anotherProcessReloadsWithinASecondOfAChange() throws Exception {
		assumeThat(RedisForTests.answers()).as("Redis answers on 127.0.0.1:6379").isTrue();
		one = new RedisTenantChanges(redisLink());
		other = new RedisTenantChanges(redisLink());
		AtomicInteger ownReloads = new AtomicInteger();
		CountDownLatch otherReloaded = new CountDownLatch(1);
		one.onChange(ownReloads::incrementAndGet);
		other.onChange(otherReloaded::countDown);
		RedisLink check = redisLink();
		check.attempt("seed", r -> {
			r.opsForValue().set(goneKey, "retired");
			return true;
		});
		Thread.sleep(300);

		long published = System.nanoTime();
		one.stored(Map.of(phoneKey, "acme"), Set.of(goneKey));

		assertThat(otherReloaded.await(1, TimeUnit.SECONDS)).as("reloaded within a second").isTrue();
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - published)).isLessThan(1_000);
		assertThat(check.attempt("read", r -> Optional.ofNullable(r.opsForValue().get(phoneKey))).orElseThrow())
			.contains("acme");
		assertThat(check.attempt("read", r -> r.hasKey(goneKey))).contains(false);
		Thread.sleep(200);
		assertThat(ownReloads).as("a process ignores its own notices").hasValue(0);
	}

	@Test
	void aProcessStartedWhileRedisWasAwaySubscribesAndReloadsOnceItIsBack() throws Exception {
		assumeThat(OwnRedis.available()).as("redis-server can be started").isTrue();
		try (OwnRedis own = OwnRedis.start()) {
			own.stop();
			RedisLink cutOff = redis.link(own.port());
			other = new RedisTenantChanges(cutOff);
			AtomicInteger reloads = new AtomicInteger();
			other.onChange(reloads::incrementAndGet);
			cutOff.ping();

			own.startAgain();
			Thread.sleep(RedisLink.RETRY_AFTER.toMillis());
			while (cutOff.away()) {
				cutOff.ping();
				Thread.sleep(100);
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (reloads.get() == 0 && System.nanoTime() - deadline < 0) {
				Thread.sleep(20);
			}
			assertThat(reloads).as("reloaded for the notices it may have missed").hasValue(1);
			one = new RedisTenantChanges(redis.link(own.port()));
			one.stored(Map.of(phoneKey, "acme"), Set.of());

			deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
			while (reloads.get() == 1 && System.nanoTime() - deadline < 0) {
				Thread.sleep(20);
			}
			assertThat(reloads).as("subscribed once Redis was back").hasValue(2);
			one.destroy();
			one = null;
		}
	}

	@Test
	void aChangeWhileRedisIsAwayIsNotPublishedAndDoesNotFail() {
		one = new RedisTenantChanges(redis.link(RedisForTests.deadPort()));
		one.onChange(() -> {
		});

		assertThatNoException().isThrownBy(() -> one.stored(Map.of(phoneKey, "acme"), Set.of()));
	}
}

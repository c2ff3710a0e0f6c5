package io.switchboard.platform.http;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

class BackoffTests {

	final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(4));

	@Test
	void doublesTheCeilingPerFailureUpToTheMaximum() {
		assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(250));
		assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(500));
		assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(4));
		assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(4));
		assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void neverOverflowsWithLongDurations() {
		var long_ = new Backoff(Duration.ofDays(10_000), Duration.ofDays(100_000));

		assertThat(long_.ceiling(40)).isEqualTo(Duration.ofDays(100_000));
	}

	@Test
	void jittersBetweenZeroAndTheCeiling() {
		assertThat(backoff.delay(3, 0)).isZero();
		assertThat(backoff.delay(3, 0.5)).isEqualTo(Duration.ofMillis(500));
		assertThat(backoff.delay(3, 0.999)).isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
		assertThat(backoff.delay(10, 0.999)).isBetween(Duration.ofMillis(3_990), Duration.ofSeconds(4));
	}

	@Test
	void spreadsRandomDelaysOverTheWholeRange() {
		long lowest = Long.MAX_VALUE;
		long highest = 0;
		for (int i = 0; i < 1_000; i++) {
			long delay = backoff.delay(3, ThreadLocalRandom.current().nextDouble()).toMillis();
			assertThat(delay).isBetween(0L, 1_000L);
			lowest = Math.min(lowest, delay);
			highest = Math.max(highest, delay);
		}
		assertThat(lowest).isLessThan(100);
		assertThat(highest).isGreaterThan(900);
	}

	@Test
	void refusesNegativeDurations() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofMillis(-1), Duration.ZERO));
	}
}

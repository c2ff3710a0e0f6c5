package io.switchboard.platform.http;

import java.time.Duration;

/**
 * Exponential backoff with full jitter: after the {@code n}th failed attempt the next one waits a random time between
 * zero and {@code initial × 2^(n-1)}, capped at {@code max}. Full jitter spreads the repeats of many callers that failed
 * together, where a fixed delay would bring them back together.
 *
 * @param initial the ceiling after the first failure.
 * @param max the highest ceiling.
 */
public record Backoff(Duration initial, Duration max) {

	private static final int MAX_DOUBLINGS = 30;

	/**
	 * @param initial must not be negative.
	 * @param max must not be negative.
	 */
	public Backoff {
		if (initial.isNegative() || max.isNegative()) {
			throw new IllegalArgumentException("Backoff durations must not be negative");
		}
	}

	/**
	 * @param failures the failed attempts so far, at least one.
	 * @return the highest delay before the next attempt.
	 */
	public Duration ceiling(int failures) {
		long millis = initial.toMillis();
		int doublings = Math.min(Math.max(failures - 1, 0), MAX_DOUBLINGS);
		long ceiling = millis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : millis << doublings;
		return Duration.ofMillis(Math.min(ceiling, max.toMillis()));
	}

	/**
	 * @param failures the failed attempts so far, at least one.
	 * @param random a number in {@code [0, 1)}.
	 * @return the delay before the next attempt: {@code random} times the {@linkplain #ceiling(int) ceiling}.
	 */
	public Duration delay(int failures, double random) {
		return Duration.ofMillis((long) (ceiling(failures).toMillis() * Math.clamp(random, 0.0, 1.0)));
	}
}

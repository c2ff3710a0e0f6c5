package io.switchboard.work;

import io.switchboard.work.WorkHandler;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a {@link WorkHandler} when the work cannot be done now but may succeed later: the platform answered 5xx,
 * 429 or not at all. Such work is retried with capped exponential backoff and jitter, or after the delay the platform
 * asked for, until {@code switchboard.work.retry-for} has passed since the work was published.
 */
public class RetryLater extends RuntimeException {

	private final @Nullable Duration delay;

	/**
	 * @param reason why the attempt did not complete; must not contain secrets or message text.
	 * @param delay how long the platform asked to wait ({@code Retry-After}); {@literal null} when it did not say, and
	 *        the work channel's backoff applies.
	 */
	public RetryLater(String reason, @Nullable Duration delay) {
		super(reason);
		this.delay = delay == null || delay.isNegative() || delay.isZero() ? null : delay;
	}

	/**
	 * @return the delay the platform asked for, if it asked.
	 */
	public Optional<Duration> delay() {
		return Optional.ofNullable(delay);
	}
}

package io.switchboard.platform;

import java.time.Duration;

/**
 * Thrown by a {@link WorkHandler} when the work cannot be done now but may succeed later, for example because the
 * platform answered 429 with {@code Retry-After}.
 */
public class RetryLater extends RuntimeException {

	private final Duration delay;

	/**
	 * @param reason why the attempt did not complete; must not contain secrets or message text.
	 * @param delay how long to wait at least; must not be {@literal null}.
	 */
	public RetryLater(String reason, Duration delay) {
		super(reason);
		this.delay = delay;
	}

	public Duration delay() {
		return delay;
	}
}

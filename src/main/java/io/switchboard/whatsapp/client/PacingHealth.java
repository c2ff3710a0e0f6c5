package io.switchboard.whatsapp.client;

import io.switchboard.platform.RedisOutage;

import java.time.Clock;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether send pacing is shared across processes as configured: health {@code UP} while it is (or while it is kept
 * in process on purpose), {@code WARNING} (answered 200: relaying goes on) while Redis does not answer and each
 * process paces its own sends, which lets a number's processes together send more than its limit. Tells
 * {@link FailoverPacing} when to try Redis again ({@link RedisOutage}).
 */
final class PacingHealth implements HealthIndicator {

	/** The status while pacing is per process against its configuration. */
	static final Status WARNING = new Status("WARNING", "Redis does not answer: sends are paced per process");

	private final PacingSettings settings;
	private final RedisOutage outage;

	PacingHealth(PacingSettings settings, Clock clock) {
		this.settings = settings;
		this.outage = new RedisOutage("send pacing", settings.redisRetry(), clock, WARNING);
	}

	/**
	 * @return whether Redis may be asked now: it answered last time, or the retry delay since it failed has passed.
	 */
	boolean redisDue() {
		return outage.due();
	}

	/**
	 * @return whether sends are paced per process for want of Redis.
	 */
	boolean degraded() {
		return outage.degraded();
	}

	void failed(RuntimeException e) {
		outage.failed(e);
	}

	void answered() {
		outage.answered();
	}

	@Override
	public Health health() {
		if (settings.store() == PacingSettings.Store.IN_PROCESS) {
			return Health.up().withDetail("store", "in-process").build();
		}
		return outage.health();
	}
}

package io.switchboard.whatsapp.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether send pacing is shared across processes as configured: health {@code UP} while it is (or while it is kept
 * in process on purpose), {@code WARNING} (answered 200: relaying goes on) while Redis does not answer and each
 * process paces its own sends, which lets a number's processes together send more than its limit. Tells
 * {@link FailoverPacing} when to try Redis again.
 */
final class PacingHealth implements HealthIndicator {

	/** The status while pacing is per process against its configuration. */
	static final Status WARNING = new Status("WARNING", "Redis does not answer: sends are paced per process");

	private static final Logger log = LoggerFactory.getLogger(PacingHealth.class);

	private record Outage(Instant since, Instant retryAt, String error) {}

	private final PacingSettings settings;
	private final Clock clock;
	private final AtomicReference<@Nullable Outage> outage = new AtomicReference<>();

	PacingHealth(PacingSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * @return whether Redis may be asked now: it answered last time, or the retry delay since it failed has passed.
	 */
	boolean redisDue() {
		Outage current = outage.get();
		return current == null || !clock.instant().isBefore(current.retryAt());
	}

	/**
	 * @return whether sends are paced per process for want of Redis.
	 */
	boolean degraded() {
		return outage.get() != null;
	}

	void failed(RuntimeException e) {
		Instant now = clock.instant();
		Outage previous = outage.getAndUpdate(current -> new Outage(current == null ? now : current.since(),
				now.plus(settings.redisRetry()), e.getClass().getSimpleName()));
		if (previous == null) {
			log.warn("Redis does not answer for send pacing; pacing each process on its own and trying again every {}",
					settings.redisRetry(), e);
		}
	}

	void answered() {
		Outage previous = outage.getAndSet(null);
		if (previous != null) {
			log.warn("Redis answers again for send pacing after {}; limits are shared across processes again",
					Duration.between(previous.since(), clock.instant()));
		}
	}

	@Override
	public Health health() {
		Outage current = outage.get();
		if (settings.store() == PacingSettings.Store.IN_PROCESS) {
			return Health.up().withDetail("store", "in-process").build();
		}
		if (current == null) {
			return Health.up().withDetail("store", "redis").build();
		}
		return Health.status(WARNING).withDetail("store", "in-process (Redis does not answer)")
				.withDetail("since", current.since().toString()).withDetail("error", current.error()).build();
	}
}

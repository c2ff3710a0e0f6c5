package io.switchboard.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether Redis answers one Redis-backed piece (send pacing, the API rate limits): a failed call starts an outage,
 * during which the piece works per process and asks Redis again only once the retry delay has passed; the next call
 * that answers ends it. Logs once when an outage starts and once when it ends, and gives the piece's health:
 * {@code UP} with the store, or {@code warning} (answered 200) with since when and why.
 */
public final class RedisOutage {

	private static final Logger log = LoggerFactory.getLogger(RedisOutage.class);

	private record Outage(Instant since, Instant retryAt, String error) {}

	private final String what;
	private final Duration retry;
	private final Clock clock;
	private final Status warning;
	private final AtomicReference<@Nullable Outage> outage = new AtomicReference<>();

	/**
	 * @param what names the piece in logs, e.g. {@code "send pacing"}.
	 * @param retry how long after a failure Redis is asked again.
	 * @param warning the health status while Redis does not answer.
	 */
	public RedisOutage(String what, Duration retry, Clock clock, Status warning) {
		this.what = what;
		this.retry = retry;
		this.clock = clock;
		this.warning = warning;
	}

	/**
	 * @return whether Redis may be asked now: it answered last time, or the retry delay since it failed has passed.
	 */
	public boolean due() {
		Outage current = outage.get();
		return current == null || !clock.instant().isBefore(current.retryAt());
	}

	/**
	 * @return whether the piece works per process for want of Redis.
	 */
	public boolean degraded() {
		return outage.get() != null;
	}

	/**
	 * A Redis call failed: the outage starts, or goes on until the next retry.
	 */
	public void failed(RuntimeException e) {
		Instant now = clock.instant();
		Outage previous = outage.getAndUpdate(current -> new Outage(current == null ? now : current.since(),
				now.plus(retry), e.getClass().getSimpleName()));
		if (previous == null) {
			log.warn("Redis does not answer for {}; working per process and trying again every {}", what, retry, e);
		}
	}

	/**
	 * A Redis call answered: an outage, if there was one, is over.
	 */
	public void answered() {
		Outage previous = outage.getAndSet(null);
		if (previous != null) {
			log.warn("Redis answers again for {} after {}; limits are shared across processes again", what,
					Duration.between(previous.since(), clock.instant()));
		}
	}

	/**
	 * @return the piece's health with Redis as its store.
	 */
	public Health health() {
		Outage current = outage.get();
		if (current == null) {
			return Health.up().withDetail("store", "redis").build();
		}
		return Health.status(warning).withDetail("store", "in-process (Redis does not answer)")
			.withDetail("since", current.since().toString()).withDetail("error", current.error()).build();
	}
}

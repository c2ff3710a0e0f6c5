package io.switchboard.work.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the work channels ({@code switchboard.work}).
 *
 * @param transport how work travels from publisher to handler: {@code database} (default: the {@code work_items}
 *        table is the queue) or {@code rabbitmq} (the table is the outbox of RabbitMQ quorum queues, see
 *        {@code io.switchboard.work.internal.rabbit}).
 * @param pollInterval how often idle dispatchers (and the RabbitMQ outbox relay) look for due work (new work also
 *        wakes them at once).
 * @param batchSize how many items a dispatcher claims at a time.
 * @param concurrency how many items of one channel run at once.
 * @param retryFor how long work that meets an outage (a platform answering 5xx, 429 or not at all, or the database
 *        unreachable) is retried, counted from its publication; 7 days by default, as long as Meta redelivers a
 *        webhook.
 * @param maxAttempts attempts before work that fails in an unexpected way (not an outage) is dead-lettered.
 * @param initialBackoff first retry delay; doubles per attempt, with jitter.
 * @param maxBackoff the longest retry delay (1 minute: a platform that comes back after an outage gets its waiting
 *        work within about a minute).
 * @param lease how long a claimed item stays claimed before another worker may take it over.
 * @param recordRetryFor how long the record of what a platform accepted is retried through a database outage
 *        before the work item fails (and may be sent again); must stay well below {@code lease}.
 * @param backlogAlert the age of the oldest waiting item above which the backlog is reported as an alert (health
 *        {@code WARNING}, log, metric).
 */
@ConfigurationProperties("switchboard.work")
public record WorkSettings(Transport transport, Duration pollInterval, int batchSize, int concurrency,
		Duration retryFor, int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration lease,
		Duration recordRetryFor, Duration backlogAlert) {

	/**
	 * The adapters of the work channels.
	 */
	public enum Transport {
		DATABASE, RABBITMQ
	}

	public WorkSettings {
		transport = transport == null ? Transport.DATABASE : transport;
		pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
		batchSize = batchSize <= 0 ? 64 : batchSize;
		concurrency = concurrency <= 0 ? 32 : concurrency;
		retryFor = retryFor == null ? Duration.ofDays(7) : retryFor;
		maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
		initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
		maxBackoff = maxBackoff == null ? Duration.ofMinutes(1) : maxBackoff;
		lease = lease == null ? Duration.ofMinutes(5) : lease;
		recordRetryFor = recordRetryFor == null ? Duration.ofMinutes(2) : recordRetryFor;
		backlogAlert = backlogAlert == null ? Duration.ofMinutes(5) : backlogAlert;
	}

	/**
	 * @return the delay before the attempt after {@code attempt}: {@link #initialBackoff()} doubled per attempt up to
	 *         {@link #maxBackoff()}, of which a random part of up to a half is taken off, so that work that failed
	 *         together does not come back together.
	 */
	Duration backoff(int attempt) {
		long factor = 1L << Math.min(Math.max(attempt, 1) - 1, 20);
		Duration ceiling = initialBackoff.multipliedBy(factor);
		ceiling = ceiling.compareTo(maxBackoff) > 0 ? maxBackoff : ceiling;
		long millis = ceiling.toMillis();
		return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 2 + 1));
	}
}

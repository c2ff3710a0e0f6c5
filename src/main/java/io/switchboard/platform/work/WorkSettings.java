package io.switchboard.platform.work;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the work channels ({@code switchboard.work}).
 *
 * @param transport how work travels from publisher to handler: {@code database} (default: the {@code work_items}
 *        table is the queue) or {@code rabbitmq} (the table is the outbox of RabbitMQ quorum queues, see
 *        {@code io.switchboard.platform.work.rabbit}).
 * @param pollInterval how often idle dispatchers (and the RabbitMQ outbox relay) look for due work (new work also
 *        wakes them at once).
 * @param batchSize how many items a dispatcher claims at a time.
 * @param concurrency how many items of one channel run at once.
 * @param maxAttempts attempts before an item is parked as failed.
 * @param initialBackoff first retry delay; doubles per attempt.
 * @param maxBackoff the longest retry delay.
 * @param lease how long a claimed item stays claimed before another worker may take it over.
 */
@ConfigurationProperties("switchboard.work")
public record WorkSettings(Transport transport, Duration pollInterval, int batchSize, int concurrency,
		int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration lease) {

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
		maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
		initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
		maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
		lease = lease == null ? Duration.ofMinutes(5) : lease;
	}

	Duration backoff(int attempt) {
		long factor = 1L << Math.min(attempt - 1, 20);
		Duration delay = initialBackoff.multipliedBy(factor);
		return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
	}
}

package io.switchboard.platform.work.rabbit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The RabbitMQ transport of the work channels ({@code switchboard.work.rabbitmq}), used when
 * {@code switchboard.work.transport=rabbitmq}. The broker connection itself is Spring Boot's
 * ({@code spring.rabbitmq.*}).
 *
 * @param prefix starts the name of every exchange and queue, so that several installations (or tests) can share a
 *        broker.
 * @param shards queues per channel; work is routed to one by its ordering key, and each queue is consumed by one
 *        consumer at a time, so this bounds the parallelism of a channel. Changing it re-routes ordering keys: drain
 *        the queues first.
 * @param deliveryLimit deliveries of one message (redeliveries after a consumer was lost) before the broker
 *        dead-letters it; retries of a handler happen within one delivery and do not count.
 * @param confirmTimeout how long the outbox relay waits for the broker to confirm a batch; unconfirmed work stays in
 *        the outbox and is published again.
 * @param outboxBatchSize outbox rows published per round.
 */
@ConfigurationProperties("switchboard.work.rabbitmq")
public record RabbitWorkSettings(String prefix, int shards, int deliveryLimit, Duration confirmTimeout,
		int outboxBatchSize) {

	public RabbitWorkSettings {
		prefix = prefix == null || prefix.isBlank() ? "switchboard" : prefix;
		shards = shards <= 0 ? 8 : shards;
		deliveryLimit = deliveryLimit <= 0 ? 20 : deliveryLimit;
		confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(10) : confirmTimeout;
		outboxBatchSize = outboxBatchSize <= 0 ? 100 : outboxBatchSize;
	}
}

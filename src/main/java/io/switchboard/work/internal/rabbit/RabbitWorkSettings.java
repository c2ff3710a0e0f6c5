package io.switchboard.work.internal.rabbit;

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
 * @param deliveryLimit deliveries of one message before the broker dead-letters it: redeliveries after a consumer was
 *        lost, and each return after {@code inPlaceWait} (RabbitMQ 3.x counts returns too). The default, 1,100,
 *        covers the default {@code switchboard.work.retry-for} of 7 days at one return per 10 minutes; lower it and
 *        outages end in dead letters sooner.
 * @param inPlaceWait how long one delivery may wait on its consumer for retries before it is put back at the head of
 *        its queue and delivered again; must stay below the broker's {@code consumer_timeout} (30 minutes by
 *        default).
 * @param confirmTimeout how long the outbox relay waits for the broker to confirm a batch; unconfirmed work stays in
 *        the outbox and is published again.
 * @param outboxBatchSize outbox rows published per round.
 */
@ConfigurationProperties("switchboard.work.rabbitmq")
public record RabbitWorkSettings(String prefix, int shards, int deliveryLimit, Duration inPlaceWait,
		Duration confirmTimeout, int outboxBatchSize) {

	public RabbitWorkSettings {
		prefix = prefix == null || prefix.isBlank() ? "switchboard" : prefix;
		shards = shards <= 0 ? 8 : shards;
		deliveryLimit = deliveryLimit <= 0 ? 1_100 : deliveryLimit;
		inPlaceWait = inPlaceWait == null ? Duration.ofMinutes(10) : inPlaceWait;
		confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(10) : confirmTimeout;
		outboxBatchSize = outboxBatchSize <= 0 ? 100 : outboxBatchSize;
	}
}

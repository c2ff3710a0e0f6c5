/**
 * The RabbitMQ transport of the work channels ({@code switchboard.work.transport=rabbitmq}): the {@code work_items}
 * table stays the transactional outbox, {@link io.switchboard.work.internal.rabbit.OutboxRelay} moves it to sharded
 * quorum queues ({@link io.switchboard.work.internal.rabbit.WorkTopology}), and
 * {@link io.switchboard.work.internal.rabbit.ShardConsumers} run the same handlers through the same
 * {@link io.switchboard.work.internal.WorkRunner} as the database transport. With the default transport,
 * {@link io.switchboard.work.internal.rabbit.RabbitUnusedConfiguration} keeps RabbitMQ out of the health checks.
 */
@NullMarked
package io.switchboard.work.internal.rabbit;

import org.jspecify.annotations.NullMarked;

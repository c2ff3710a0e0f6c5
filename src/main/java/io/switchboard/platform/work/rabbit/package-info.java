/**
 * The RabbitMQ transport of the work channels ({@code switchboard.work.transport=rabbitmq}): the {@code work_items}
 * table stays the transactional outbox, {@link io.switchboard.platform.work.rabbit.OutboxRelay} moves it to sharded
 * quorum queues ({@link io.switchboard.platform.work.rabbit.WorkTopology}), and
 * {@link io.switchboard.platform.work.rabbit.ShardConsumers} run the same handlers through the same
 * {@link io.switchboard.platform.work.WorkRunner} as the database transport. With the default transport,
 * {@link io.switchboard.platform.work.rabbit.RabbitUnusedConfiguration} keeps RabbitMQ out of the health checks.
 */
@NullMarked
package io.switchboard.platform.work.rabbit;

import org.jspecify.annotations.NullMarked;

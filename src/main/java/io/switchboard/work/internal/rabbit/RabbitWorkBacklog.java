package io.switchboard.work.internal.rabbit;

import io.switchboard.work.internal.WorkBacklog;
import io.switchboard.work.internal.WorkItemsBacklog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The backlog of the RabbitMQ transport: the outbox rows not yet published, the messages ready in the shard queues,
 * and the messages this node's consumers hold (a passive declare counts only ready ones). The oldest wait is the
 * outbox's oldest row or the oldest message this node's consumers hold (the head of a retrying shard), whichever
 * waited longer. A node without the worker role sees only the outbox's and the ready messages; a broker that does
 * not answer leaves the queues out.
 */
final class RabbitWorkBacklog implements WorkBacklog {

	private final WorkItemsBacklog outbox;
	private final WorkTopology topology;
	private final ShardConsumers consumers;
	private final RabbitAdmin admin;

	RabbitWorkBacklog(WorkItemsBacklog outbox, WorkTopology topology, ShardConsumers consumers,
			ConnectionFactory connections) {
		this.outbox = outbox;
		this.topology = topology;
		this.consumers = consumers;
		this.admin = new RabbitAdmin(connections);
	}

	@Override
	public List<ChannelBacklog> channels() {
		Map<String, ChannelBacklog> byChannel = new HashMap<>();
		outbox.read().forEach(backlog -> byChannel.put(backlog.channel(), backlog));
		Map<String, ShardConsumers.Held> inHand = consumers.held();
		Instant now = Instant.now();
		for (String channel : topology.channels()) {
			ShardConsumers.Held held = inHand.get(channel);
			long queued = queued(channel) + (held == null ? 0 : held.count());
			@Nullable Duration heldFor = held == null ? null : Duration.between(held.oldest(), now);
			ChannelBacklog fromOutbox = byChannel.get(channel);
			if (queued > 0 || fromOutbox != null) {
				byChannel.put(channel, new ChannelBacklog(channel,
						queued + (fromOutbox == null ? 0 : fromOutbox.waiting()),
						ChannelBacklog.longer(fromOutbox == null ? null : fromOutbox.oldestWait(), heldFor)));
			}
		}
		return new ArrayList<>(byChannel.values());
	}

	private long queued(String channel) {
		long queued = 0;
		try {
			for (int shard = 0; shard < topology.shards(); shard++) {
				QueueInformation info = admin.getQueueInfo(topology.queue(channel, shard));
				queued += info == null ? 0 : info.getMessageCount();
			}
		}
		catch (RuntimeException brokerAway) {
			return queued;
		}
		return queued;
	}
}

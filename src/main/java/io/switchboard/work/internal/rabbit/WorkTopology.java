package io.switchboard.work.internal.rabbit;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.CRC32;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/**
 * The RabbitMQ names and routing of the work channels, all starting with {@code <prefix>}:
 * <ul>
 * <li>the direct exchange {@code <prefix>.work};</li>
 * <li>per channel, {@code shards} queues {@code <prefix>.<channel>.<k>}, bound with routing key
 * {@code <channel>.<k>}, where {@code k} is {@link #shard(String) the shard} of the work's ordering key. Each is a
 * quorum queue with a single active consumer (order per shard, other nodes' consumers on standby), a delivery limit,
 * and at-least-once dead-lettering to</li>
 * <li>the direct exchange {@code <prefix>.work.dlx} and, per channel, the quorum queue {@code <prefix>.<channel>.dlq}
 * (routing key {@code <channel>}).</li>
 * </ul>
 * Declaring is idempotent; a queue that exists with other arguments fails the declaration (RabbitMQ cannot change a
 * queue's arguments).
 */
final class WorkTopology {

	/** Message header: the work channel. */
	static final String CHANNEL_HEADER = "switchboard-channel";
	/** Message header: the ordering key the work was published under. */
	static final String ORDERING_KEY_HEADER = "switchboard-ordering-key";
	/** Message header: the number of the first attempt the consumer makes (1 unless attempted before). */
	static final String ATTEMPT_HEADER = "switchboard-attempt";

	/** When the work was published (its {@code work_items} row created), in epoch milliseconds. */
	static final String PUBLISHED_AT_HEADER = "switchboard-published-at";

	private final String prefix;
	private final int shards;
	private final int deliveryLimit;
	private final SortedSet<String> channels;

	/**
	 * @param channels the channels to declare queues for.
	 */
	WorkTopology(String prefix, int shards, int deliveryLimit, Collection<String> channels) {
		if (shards < 1) {
			throw new IllegalArgumentException("shards must be at least 1");
		}
		this.prefix = prefix;
		this.shards = shards;
		this.deliveryLimit = deliveryLimit;
		this.channels = new TreeSet<>(channels);
	}

	/**
	 * The shard of an ordering key: the CRC-32 of its UTF-8 bytes modulo the number of shards. Stable across
	 * processes, versions and languages, so that every publisher routes one key to the same queue.
	 *
	 * @return from 0 to {@code shards - 1}.
	 */
	static int shard(String orderingKey, int shards) {
		CRC32 crc = new CRC32();
		crc.update(orderingKey.getBytes(StandardCharsets.UTF_8));
		return (int) Math.floorMod(crc.getValue(), (long) shards);
	}

	int shard(String orderingKey) {
		return shard(orderingKey, shards);
	}

	int shards() {
		return shards;
	}

	SortedSet<String> channels() {
		return channels;
	}

	String exchange() {
		return prefix + ".work";
	}

	String deadLetterExchange() {
		return prefix + ".work.dlx";
	}

	String queue(String channel, int shard) {
		return prefix + "." + channel + "." + shard;
	}

	String deadLetterQueue(String channel) {
		return prefix + "." + channel + ".dlq";
	}

	String routingKey(String channel, int shard) {
		return channel + "." + shard;
	}

	/**
	 * Declares the exchanges, queues and bindings (idempotent).
	 */
	void declare(AmqpAdmin admin) {
		DirectExchange work = new DirectExchange(exchange(), true, false);
		DirectExchange deadLetters = new DirectExchange(deadLetterExchange(), true, false);
		admin.declareExchange(work);
		admin.declareExchange(deadLetters);
		for (String channel : channels) {
			Queue dlq = QueueBuilder.durable(deadLetterQueue(channel)).quorum().build();
			admin.declareQueue(dlq);
			admin.declareBinding(BindingBuilder.bind(dlq).to(deadLetters).with(channel));
			for (int k = 0; k < shards; k++) {
				Queue queue = shardQueue(channel, k);
				admin.declareQueue(queue);
				admin.declareBinding(BindingBuilder.bind(queue).to(work).with(routingKey(channel, k)));
			}
		}
	}

	Queue shardQueue(String channel, int shard) {
		return QueueBuilder.durable(queue(channel, shard))
				.quorum()
				.singleActiveConsumer()
				.deliveryLimit(deliveryLimit)
				.deadLetterExchange(deadLetterExchange())
				.deadLetterRoutingKey(channel)
				.withArgument("x-dead-letter-strategy", "at-least-once")
				.overflow(QueueBuilder.Overflow.rejectPublish)
				.build();
	}
}

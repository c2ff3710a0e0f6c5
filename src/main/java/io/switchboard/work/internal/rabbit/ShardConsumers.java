package io.switchboard.work.internal.rabbit;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.Roles;
import io.switchboard.work.WorkHandler;
import io.switchboard.work.internal.DeadLetter;
import io.switchboard.work.internal.WorkHandlers;
import io.switchboard.work.internal.DeadLetters;
import io.switchboard.work.internal.NodeName;
import io.switchboard.work.internal.WorkRunner;
import io.switchboard.work.internal.WorkRunner.Outcome;
import io.switchboard.work.internal.WorkRunner.Settlement;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.context.SmartLifecycle;

import com.rabbitmq.client.Channel;

/**
 * Consumes the shard queues of a worker process: one listener container per queue, one consumer each, prefetch 1 and
 * manual acknowledgement, so a shard hands over its work one message at a time, in order. Each message is run by the
 * channel's {@link WorkHandler} through the {@link WorkRunner}, exactly as the database transport runs an item: done
 * is acknowledged; a retry is waited for on the consumer thread (the shard waits, which keeps the order of its keys)
 * and attempted again until the runner gives up; then the message is written to the {@link DeadLetters} and
 * acknowledged, and {@link WorkHandler#exhausted} is told. So is a message that cannot be read. An {@link Error} from
 * an attempt puts the message back and pauses the consumer, instead of stopping the container (Spring AMQP's default
 * for errors is to exit the process); {@link #consuming()} feeds the {@code workers} health. A delivery waits in
 * place for at most {@link RabbitWorkSettings#inPlaceWait()} (below RabbitMQ's
 * {@code consumer_timeout}); then it is put back at its place at the head of the queue and delivered again, so an
 * outage of days keeps its order. A process that stops while waiting for a retry puts the message back too.
 * <p>
 * The queues have a single active consumer: the consumers of other worker nodes stand by and take over a shard when
 * its consumer goes away. One more container drains the channels' dead-letter queues into the table
 * ({@link DeadLetterDrain}).
 */
final class ShardConsumers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ShardConsumers.class);
	private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

	private final ConnectionFactory connections;
	private final WorkTopology topology;
	private final TopologyDeclarer declarer;
	private final WorkHandlers handlers;
	private final WorkRunner runner;
	private final RabbitWorkSettings settings;
	private final MeterRegistry meters;
	private final Roles roles;
	private final String node;
	private final DeadLetters deadLetters;
	private final List<SimpleMessageListenerContainer> containers = new CopyOnWriteArrayList<>();
	private final Map<String, InHand> inHand = new ConcurrentHashMap<>();
	private volatile CountDownLatch stopping = new CountDownLatch(0);
	private volatile @Nullable Thread starter;
	private volatile boolean running;

	ShardConsumers(ConnectionFactory connections, WorkTopology topology, TopologyDeclarer declarer,
			WorkHandlers handlers, WorkRunner runner, RabbitWorkSettings settings, MeterRegistry meters,
			Roles roles, NodeName node, DeadLetters deadLetters) {
		this.connections = connections;
		this.deadLetters = deadLetters;
		this.topology = topology;
		this.declarer = declarer;
		this.handlers = handlers;
		this.runner = runner;
		this.settings = settings;
		this.meters = meters;
		this.roles = roles;
		this.node = node.value();
	}

	/**
	 * Starts the consumers in the background, so that a broker that is slow to answer does not hold up the start of
	 * the process (its webhooks are acknowledged into the outbox meanwhile).
	 */
	@Override
	public void start() {
		running = true;
		if (!roles.worker()) {
			log.info("Worker role off: work is published to RabbitMQ but not consumed by this process");
			return;
		}
		stopping = new CountDownLatch(1);
		starter = Thread.ofPlatform().name("work-consumers-start").start(this::startContainers);
	}

	private void startContainers() {
		declarer.tryDeclare();
		for (WorkHandler<?> handler : handlers.all()) {
			if (!roles.consumes(handler.channel())) {
				continue;
			}
			for (int shard = 0; shard < topology.shards(); shard++) {
				if (stopping.getCount() == 0) {
					return;
				}
				SimpleMessageListenerContainer container = container(handler, topology.queue(handler.channel(), shard));
				containers.add(container);
				container.start();
			}
		}
		if (stopping.getCount() == 0) {
			return;
		}
		DeadLetterDrain drain = new DeadLetterDrain(topology, handlers, deadLetters, stopping);
		SimpleMessageListenerContainer dlqs = ManualAckContainers.of(connections, node, "dead-letter-queues", 10,
				drain, drain.queues());
		containers.add(dlqs);
		dlqs.start();
		log.info("Consuming {} work channels from RabbitMQ, {} shard queues each, and their dead-letter queues",
				handlers.channels().size(), topology.shards());
	}

	@Override
	public void stop() {
		running = false;
		stopping.countDown();
		Thread started = starter;
		if (started != null) {
			try {
				started.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		// Containers wait for their consumer to finish the message in hand; stop them all at once.
		try (ExecutorService stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
			containers.forEach(container -> stoppers.submit(() -> {
				container.stop();
				container.destroy();
			}));
		}
		containers.clear();
	}

	/**
	 * @return whether every shard queue has a running consumer, or none is expected (not a worker, stopped, still
	 *         starting): the RabbitMQ part of the {@code workers} health.
	 */
	boolean consuming() {
		Thread started = starter;
		if (!running || !roles.worker() || (started != null && started.isAlive())) {
			return true;
		}
		return containers.stream().allMatch(c -> c.isRunning() && c.getActiveConsumerCount() > 0);
	}

	/**
	 * @return per channel, the messages this node's consumers hold (which the broker's ready count leaves out) and when
	 *         the oldest of them was published (the head of a shard that is retrying waits longest).
	 */
	Map<String, Held> held() {
		Map<String, Held> held = new HashMap<>();
		inHand.values().forEach(one -> held.merge(one.channel(), new Held(1, one.publishedAt()),
				(a, b) -> new Held(a.count() + b.count(),
						a.oldest().isBefore(b.oldest()) ? a.oldest() : b.oldest())));
		return held;
	}

	/**
	 * What a node's consumers hold of one channel.
	 */
	record Held(int count, Instant oldest) {}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

	private SimpleMessageListenerContainer container(WorkHandler<?> handler, String queue) {
		return ManualAckContainers.of(connections, node, queue, 1, new ShardListener(handler), queue);
	}

	/**
	 * Runs the messages of one queue.
	 */
	private final class ShardListener implements ChannelAwareMessageListener {

		private final WorkHandler<?> handler;

		ShardListener(WorkHandler<?> handler) {
			this.handler = handler;
		}

		@Override
		public void onMessage(Message message, @Nullable Channel amqp) {
			if (amqp == null) {
				throw new IllegalStateException("manual acknowledgement needs the channel");
			}
			MessageProperties properties = message.getMessageProperties();
			long tag = properties.getDeliveryTag();
			WorkMessage work = WorkMessage.of(message, handler.channel());
			if (Boolean.TRUE.equals(properties.getRedelivered())) {
				log.info("Work item {} on {} is delivered again (a consumer stopped before finishing it)", work.id(),
						handler.channel());
			}
			Settlement settlement = new Acknowledgement(amqp, tag, work, deadLetters);
			String queue = properties.getConsumerQueue();
			inHand.put(queue, new InHand(handler.channel(), work.publishedAt()));
			try {
				runUntilSettled(amqp, tag, work.id(), work.payload(), work.firstAttempt(), work.publishedAt(),
						settlement);
			}
			catch (Throwable failure) {
				putBackAfterError(amqp, tag, work.id(), failure);
			}
			finally {
				inHand.remove(queue);
			}
		}

		private void runUntilSettled(Channel amqp, long tag, String item, String payload, int attempt,
				Instant publishedAt, Settlement settlement) {
			long waitDeadline = System.nanoTime() + settings.inPlaceWait().toNanos();
			while (true) {
				Outcome outcome = runner.attempt(handler, item, payload, attempt, publishedAt, settlement);
				if (!(outcome instanceof Outcome.Retry retry)) {
					return;
				}
				Duration left = Duration.ofNanos(waitDeadline - System.nanoTime());
				if (retry.delay().compareTo(left) > 0) {
					if (!stoppingWithin(left.isNegative() ? Duration.ZERO : left)) {
						log.info("Work item {} on {} has waited in place for {}; it goes back to its place in the "
								+ "queue", item, handler.channel(), settings.inPlaceWait());
						meters.counter("switchboard.work.returned", "channel", handler.channel()).increment();
					}
					settle(() -> amqp.basicNack(tag, false, true), item, "put back");
					return;
				}
				if (stoppingWithin(retry.delay())) {
					settle(() -> amqp.basicNack(tag, false, true), item, "put back");
					return;
				}
				attempt++;
			}
		}

		/**
		 * An attempt ended in an {@link Error} the runner does not handle (which would otherwise stop the container,
		 * or the process): the message goes back to its place and the consumer pauses before it takes it again.
		 */
		private void putBackAfterError(Channel amqp, long tag, String item, Throwable failure) {
			try {
				log.error("Work item {} on {} failed with an error; it goes back to its queue", item, handler.channel(),
						failure);
			}
			finally {
				settle(() -> amqp.basicNack(tag, false, true), item, "put back");
				stoppingWithin(ERROR_PAUSE);
			}
		}

		private boolean stoppingWithin(Duration delay) {
			try {
				return stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return true;
			}
		}

	}

	/**
	 * Carries out an attempt's outcome on the message's delivery. A failure to acknowledge is not a failure of the
	 * work: the channel is gone, and the broker delivers the message again. Parked work is written to the
	 * {@link DeadLetters} and then acknowledged; if the table cannot be written, the message is rejected into the
	 * channel's dead-letter queue instead, from which {@link DeadLetterDrain} moves it to the table later.
	 */
	private static final class Acknowledgement implements Settlement {

		private final Channel amqp;
		private final long tag;
		private final WorkMessage work;
		private final DeadLetters deadLetters;

		Acknowledgement(Channel amqp, long tag, WorkMessage work, DeadLetters deadLetters) {
			this.amqp = amqp;
			this.tag = tag;
			this.work = work;
			this.deadLetters = deadLetters;
		}

		@Override
		public void complete() {
			settle(() -> amqp.basicAck(tag, false), work.id(), "acknowledged");
		}

		@Override
		public void retry(Duration delay, @Nullable String reason) {
			log.debug("Work item {} is attempted again in {} on this consumer", work.id(), delay);
		}

		@Override
		public void park(DeadLetter.Reason why, @Nullable String reason, int attempts) {
			try {
				deadLetters.add(work.deadLetter(why, reason, attempts));
			}
			catch (RuntimeException e) {
				log.warn("Work item {} on {} could not be written to the dead letters ({}); it goes to the "
						+ "dead-letter queue", work.id(), work.channel(), e.toString());
				settle(() -> amqp.basicReject(tag, false), work.id(), "dead-lettered");
				return;
			}
			settle(() -> amqp.basicAck(tag, false), work.id(), "acknowledged as a dead letter");
		}
	}

	private record InHand(String channel, Instant publishedAt) {}

	private interface ChannelCall {

		void run() throws IOException;
	}

	private static void settle(ChannelCall call, String item, String what) {
		try {
			call.run();
		}
		catch (IOException | RuntimeException e) {
			log.warn("Work item {} could not be {} (RabbitMQ will deliver it again): {}", item, what, e.toString());
		}
	}
}

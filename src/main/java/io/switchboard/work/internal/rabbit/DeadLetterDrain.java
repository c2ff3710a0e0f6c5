package io.switchboard.work.internal.rabbit;

import io.switchboard.work.internal.DeadLetter.Reason;
import io.switchboard.work.internal.DeadLetters;
import io.switchboard.work.internal.WorkHandlers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import com.rabbitmq.client.Channel;

/**
 * Moves what lands in the channels' dead-letter queues ({@code <prefix>.<channel>.dlq}) into the
 * {@link DeadLetters}, so that operators find every dead letter in one place whatever the transport. Two things land
 * there: messages the broker dead-lettered itself, because their delivery limit was reached (they are recorded as
 * {@link Reason#DELIVERY_LIMIT} and the handler is told, as it is for work the runner gives up), and messages a
 * consumer rejected there because it could not write the table when it parked them (the handler was told then). A
 * message is acknowledged once its dead letter is written; while the table cannot be written it stays in the queue.
 */
final class DeadLetterDrain implements ChannelAwareMessageListener {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterDrain.class);

	/** The {@code x-death} reason of a message a consumer rejected; any other reason is the broker's. */
	private static final String REJECTED = "rejected";

	private final Map<String, String> channelsByQueue = new LinkedHashMap<>();
	private final DeadLetters deadLetters;
	private final CountDownLatch stopping;

	/**
	 * @param stopping counted down when the process stops, which ends a wait for the table.
	 */
	DeadLetterDrain(WorkTopology topology, WorkHandlers handlers, DeadLetters deadLetters,
			CountDownLatch stopping) {
		handlers.all().forEach(h -> channelsByQueue.put(topology.deadLetterQueue(h.channel()), h.channel()));
		this.deadLetters = deadLetters;
		this.stopping = stopping;
	}

	String[] queues() {
		return channelsByQueue.keySet().toArray(String[]::new);
	}

	@Override
	public void onMessage(Message message, @Nullable Channel amqp) throws IOException {
		if (amqp == null) {
			throw new IllegalStateException("manual acknowledgement needs the channel");
		}
		MessageProperties properties = message.getMessageProperties();
		String queue = properties.getConsumerQueue();
		String channel = channelsByQueue.getOrDefault(queue, String.valueOf(
				properties.getHeaders().getOrDefault(WorkTopology.CHANNEL_HEADER, queue)));
		WorkMessage work = WorkMessage.of(message, channel);
		Death death = Death.of(properties);
		try {
			if (death.byBroker()) {
				deadLetters.addExhausted(work.deadLetter(Reason.DELIVERY_LIMIT, "RabbitMQ dead-lettered it from "
						+ death.queue() + " (" + death.reason() + ") after " + death.deliveries(work) + " deliveries",
						death.deliveries(work)));
			}
			else {
				deadLetters.add(work.deadLetter(
						deadLetters.readable(channel, work.payload()) ? Reason.GAVE_UP : Reason.UNREADABLE,
						"Parked into " + queue + " while the dead letters could not be written; the last error is in "
								+ "the log of the worker that parked it",
						death.deliveries(work)));
			}
		}
		catch (RuntimeException e) {
			log.warn("Dead-lettered work {} on {} could not be written to the dead letters; it stays in {}: {}",
					work.id(), channel, queue, e.toString());
			pause();
			amqp.basicNack(properties.getDeliveryTag(), false, true);
			return;
		}
		log.info("Dead-lettered work {} on {} moved from {} to the dead letters", work.id(), channel, queue);
		amqp.basicAck(properties.getDeliveryTag(), false);
	}

	private void pause() {
		try {
			stopping.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * What the broker's {@code x-death} header says of the last dead-lettering.
	 *
	 * @param reason {@code delivery_limit}, {@code rejected}, {@code expired}...
	 * @param queue the queue the message was dead-lettered from.
	 * @param deliveryCount RabbitMQ's {@code x-delivery-count}, when the message carries it.
	 */
	private record Death(String reason, String queue, @Nullable Integer deliveryCount) {

		static Death of(MessageProperties properties) {
			List<Map<String, ?>> deaths = properties.getXDeathHeader();
			Map<String, ?> last = deaths == null || deaths.isEmpty() ? Map.of() : deaths.get(0);
			Object reason = last.get("reason");
			Object queue = last.get("queue");
			Object count = properties.getHeaders().get("x-delivery-count");
			return new Death(reason == null ? "unknown" : reason.toString(), queue == null ? "?" : queue.toString(),
					count instanceof Number number ? number.intValue() : null);
		}

		boolean byBroker() {
			return !REJECTED.equals(reason);
		}

		int deliveries(WorkMessage work) {
			return deliveryCount == null ? work.firstAttempt() : Math.max(deliveryCount, work.firstAttempt());
		}
	}
}

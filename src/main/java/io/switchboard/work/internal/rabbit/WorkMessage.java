package io.switchboard.work.internal.rabbit;

import io.switchboard.work.internal.DeadLetter.Reason;
import io.switchboard.work.internal.DeadLetters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * An item of work as a RabbitMQ message carries it: the body and the {@link WorkTopology} headers.
 *
 * @param id the message id (the {@code work_items} id it was published from), or a random one if it has none.
 * @param channel the work channel of the queue it came from.
 * @param orderingKey from the header; empty if missing.
 * @param payload the body as text.
 * @param publishedAt from the header, else the message's timestamp, else now.
 * @param firstAttempt the number of the first attempt the consumer makes.
 */
record WorkMessage(String id, String channel, String orderingKey, String payload, Instant publishedAt,
		int firstAttempt) {

	static WorkMessage of(Message message, String channel) {
		MessageProperties properties = message.getMessageProperties();
		Object key = properties.getHeaders().get(WorkTopology.ORDERING_KEY_HEADER);
		return new WorkMessage(
				properties.getMessageId() == null ? "no-id-" + UUID.randomUUID() : properties.getMessageId(), channel,
				key == null ? "" : key.toString(), new String(message.getBody(), StandardCharsets.UTF_8),
				publishedAt(properties), firstAttempt(properties));
	}

	/**
	 * @return this work as a dead letter.
	 */
	DeadLetters.Given deadLetter(Reason reason, @Nullable String error, int attempts) {
		return new DeadLetters.Given(id, channel, orderingKey, payload, reason, error, attempts, publishedAt);
	}

	private static Instant publishedAt(MessageProperties properties) {
		Object millis = properties.getHeaders().get(WorkTopology.PUBLISHED_AT_HEADER);
		if (millis instanceof Number number) {
			return Instant.ofEpochMilli(number.longValue());
		}
		return properties.getTimestamp() == null ? Instant.now() : properties.getTimestamp().toInstant();
	}

	private static int firstAttempt(MessageProperties properties) {
		Object attempt = properties.getHeaders().get(WorkTopology.ATTEMPT_HEADER);
		return attempt instanceof Number number && number.intValue() > 0 ? number.intValue() : 1;
	}
}

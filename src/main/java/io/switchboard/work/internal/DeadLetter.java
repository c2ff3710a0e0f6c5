package io.switchboard.work.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Work that was given up, as kept in {@code dead_letters} until an operator replays or discards it (and afterwards,
 * as the record of what was decided).
 *
 * @param id the dead letter's own id.
 * @param workId the id the work had on its transport (its {@code work_items} id, or the RabbitMQ message id).
 * @param channel the work channel it was published on.
 * @param orderingKey the key it was published under ({@code tenantId|customerId}).
 * @param tenantId the tenant part of the ordering key, when it has one.
 * @param payload the work as JSON, exactly as published; customer data, never logged.
 * @param reason why it was given up.
 * @param lastError the last failure, for people.
 * @param attempts how many attempts (RabbitMQ: deliveries) were made.
 * @param publishedAt when the work was first published.
 * @param deadLetteredAt when it was given up.
 * @param state whether it is still dead, or what was done with it.
 * @param actedBy who replayed or discarded it: the admin's name and address.
 * @param actedAt when.
 * @param actionReason the reason they gave.
 */
public record DeadLetter(long id, String workId, String channel, String orderingKey, @Nullable String tenantId,
		String payload, Reason reason, @Nullable String lastError, int attempts, Instant publishedAt,
		Instant deadLetteredAt, State state, @Nullable String actedBy, @Nullable Instant actedAt,
		@Nullable String actionReason) {

	/**
	 * Why work was given up.
	 */
	public enum Reason {
		/** The payload could not be read as the channel's work: parked at once. */
		UNREADABLE,
		/** Its attempts, or its retry period, ran out. */
		GAVE_UP,
		/** RabbitMQ delivered it as often as its queue allows without it being finished. */
		DELIVERY_LIMIT;

		/**
		 * @return the name used in the API and the database: {@code unreadable}, {@code gave-up},
		 *         {@code delivery-limit}.
		 */
		@JsonValue
		public String slug() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		/**
		 * @throws IllegalArgumentException for anything but a {@link #slug()}.
		 */
		public static Reason of(String slug) {
			return Arrays.stream(values()).filter(r -> r.slug().equals(slug)).findFirst()
					.orElseThrow(() -> new IllegalArgumentException("reason must be one of unreadable, gave-up, "
							+ "delivery-limit"));
		}
	}

	/**
	 * Where a dead letter stands. Only a {@link #DEAD} one can be replayed or discarded.
	 */
	public enum State {
		DEAD, REPLAYED, DISCARDED;

		/**
		 * @throws IllegalArgumentException for anything but a state's name (in any case).
		 */
		public static State of(String name) {
			return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
					.orElseThrow(() -> new IllegalArgumentException("state must be one of DEAD, REPLAYED, DISCARDED"));
		}
	}
}

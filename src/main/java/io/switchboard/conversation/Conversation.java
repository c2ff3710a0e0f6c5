package io.switchboard.conversation;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A conversation Switchboard owns: one customer of a tenant on one of the tenant's channel accounts (numbers), and
 * the destination handling it now. A hand-off (to a bot, to the desk) changes one conversation's destination; the
 * number's route only gives new conversations their first one.
 *
 * @param id Switchboard's id of the conversation.
 * @param tenantId the tenant.
 * @param channelAccount the tenant's number the customer writes to (a WhatsApp {@code phone_number_id}).
 * @param customer the customer, under the id destinations know them by.
 * @param destination the name of the destination handling it now (a
 *        {@link ConversationDestination#name()}).
 * @param destinationConversationId the destination's own id for it, once the destination told (a Genesys
 *        conversation id).
 * @param contactName the name the customer gave on the channel.
 * @param state where the conversation stands.
 * @param createdAt when the customer first wrote to this number.
 * @param lastActivityAt the last message either way.
 * @param lastInboundAt the customer's last message: service windows run from it.
 */
public record Conversation(ConversationId id, String tenantId, String channelAccount, CustomerId customer,
		String destination, @Nullable String destinationConversationId, @Nullable String contactName, State state,
		Instant createdAt, Instant lastActivityAt, @Nullable Instant lastInboundAt) {

	/**
	 * Where a conversation stands. Desk states (pending, snoozed, resolved) join with the agent desk.
	 */
	public enum State {
		/** Messages flow between the customer and the destination. */
		OPEN
	}

	public Conversation {
		Objects.requireNonNull(id, "conversation id must not be null");
		Objects.requireNonNull(tenantId, "tenant id must not be null");
		Objects.requireNonNull(channelAccount, "channel account must not be null");
		Objects.requireNonNull(customer, "customer must not be null");
		Objects.requireNonNull(destination, "destination must not be null");
		Objects.requireNonNull(state, "state must not be null");
	}
}

package io.switchboard.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Who customers are and which conversations they are in, per tenant: one conversation per customer and channel
 * account, with the destination handling it now.
 */
public interface Conversations {

	/**
	 * Finds the customer behind a sender and links the identities the sender carries. A sender known by its phone
	 * keeps that customer; a sender known by its BSUID keeps that one; a new sender becomes a customer under its phone
	 * number, or its BSUID when it hides the number. The other identity is linked to the same customer.
	 *
	 * @param phone the sender's wa_id, may be {@literal null} for senders who hide their number.
	 * @param userId the sender's BSUID, may be {@literal null} on older payloads.
	 * @throws IllegalArgumentException when both are {@literal null}.
	 */
	CustomerId identify(String tenantId, @Nullable String phone, @Nullable String userId);

	/**
	 * Links another identity (e.g. the new number of a customer who changed numbers) to a known customer. An identity
	 * already linked keeps its customer.
	 */
	void link(String tenantId, String identity, CustomerId customer);

	/**
	 * Notes a message of the customer to a channel account, opening the conversation on first contact with the
	 * account's default destination.
	 *
	 * @param defaultDestination the destination a new conversation goes to (the account's route).
	 * @param contactName the name the customer gave, if any; kept when absent.
	 * @param wroteAt when the customer wrote, which opens the channel's service window; {@literal null} for a message
	 *        relayed on the customer's behalf, which does not.
	 * @return the conversation, as it stands now.
	 */
	Conversation customerWrote(String tenantId, String channelAccount, String defaultDestination, CustomerId customer,
			@Nullable String contactName, @Nullable Instant wroteAt);

	/**
	 * Remembers the destination's own id for a conversation.
	 */
	void assignDestinationConversation(ConversationId conversation, String destinationConversationId);

	/**
	 * Hands a conversation to another destination (a bot hand-off, a desk claim); only this conversation changes.
	 *
	 * @return whether the conversation exists.
	 */
	boolean reassign(ConversationId conversation, String destination);

	Optional<Conversation> find(ConversationId conversation);

	/**
	 * @return the customer's conversation on that channel account.
	 */
	Optional<Conversation> find(String tenantId, String channelAccount, String customerId);

	/**
	 * @return the customer's most recently active conversation with the tenant, on any of its accounts.
	 */
	Optional<Conversation> findLatest(String tenantId, String customerId);

	/**
	 * @return the conversation a destination knows by that id.
	 */
	Optional<Conversation> findByDestinationConversationId(String tenantId, String destination,
			String destinationConversationId);

	/**
	 * @return the tenant's conversations, most recently active first.
	 */
	List<Conversation> list(String tenantId, int limit);
}

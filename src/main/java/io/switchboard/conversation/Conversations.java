package io.switchboard.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Who customers are and which conversation they are in, per tenant.
 */
public interface Conversations {

	/**
	 * Finds the customer behind a WhatsApp sender and links the identities the sender carries. A sender known by its
	 * phone keeps that customer; a sender known by its BSUID keeps that one; a new sender becomes a customer under
	 * its phone number, or its BSUID when it hides the number. The other identity is linked to the same customer.
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
	 * Notes that the customer wrote at {@code at}, creating the mapping on first contact.
	 */
	void customerWrote(String tenantId, CustomerId customer, @Nullable String contactName, Instant at);

	/**
	 * Remembers the Genesys conversation the customer's messages go to.
	 */
	void assignConversation(String tenantId, CustomerId customer, String conversationId);

	Optional<ConversationMapping> find(String tenantId, String customerId);

	Optional<ConversationMapping> findByConversationId(String tenantId, String conversationId);

	/**
	 * @return the tenant's mappings, most recently active first.
	 */
	List<ConversationMapping> list(String tenantId, int limit);
}

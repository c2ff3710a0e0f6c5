package io.switchboard.sandbox.genesys;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Everything the simulated Genesys Cloud accepted on its inbound endpoints (the newest 10,000 entries), and the
 * conversations it opened: one per customer ({@code channel.from.id}) and integration, until cleared, whether the
 * customer or an agent wrote first.
 */
@Component
class GenesysInbox {

	static final int CAPACITY = 10_000;

	private final Deque<Received> received = new ArrayDeque<>();
	private final Map<String, Conversation> conversations = new LinkedHashMap<>();
	private final Clock clock;

	GenesysInbox() {
		this(Clock.systemUTC());
	}

	GenesysInbox(Clock clock) {
		this.clock = clock;
	}

	/**
	 * One accepted call.
	 *
	 * @param kind {@code message}, {@code receipt} or {@code event}.
	 * @param integrationId the integration of the path.
	 * @param id the Genesys message id issued for a message or event; the {@code id} sent for a receipt.
	 * @param conversationId the conversation of the customer, if there is one.
	 * @param receivedAt when the call arrived.
	 * @param body the request body as received.
	 * @param warnings fields Genesys tolerates but the model does not have (legacy endpoint fields, unknown fields),
	 *        and other suspicious things; a correct client causes none.
	 * @param attachments the files of a message's attachments, as the simulator fetched them.
	 */
	record Received(String kind, String integrationId, String id, @Nullable String conversationId,
			Instant receivedAt, JsonNode body, List<String> warnings, List<GenesysMedia.Item> attachments) {

		String customerId() {
			JsonNode channel = body.path("channel");
			return "receipt".equals(kind) ? channel.path("to").path("id").asString("")
					: channel.path("from").path("id").asString("");
		}

		String messageId() {
			return body.path("channel").path("messageId").asString("");
		}
	}

	/**
	 * A conversation the simulator opened.
	 *
	 * @param id its UUID.
	 * @param integrationId the integration it runs on.
	 * @param customerId the customer's {@code channel.from.id}.
	 * @param idType its {@code idType}.
	 * @param nickname the customer's latest nickname, if any.
	 * @param startedAt when it was opened.
	 * @param lastMessageAt when the latest customer message arrived; when it was opened if none did.
	 * @param messages how many customer messages arrived.
	 */
	record Conversation(String id, String integrationId, String customerId, String idType, @Nullable String nickname,
			Instant startedAt, Instant lastMessageAt, int messages) {}

	/**
	 * Stores a customer message, opening a conversation for the customer if none is open.
	 */
	synchronized Received message(String integrationId, JsonNode body, List<String> warnings, String customerId,
			@Nullable String nickname, List<GenesysMedia.Item> attachments) {
		String idType = body.path("channel").path("from").path("idType").asString("Phone");
		Instant now = clock.instant();
		String messageId = body.path("channel").path("messageId").asString("");
		List<String> all = new ArrayList<>(warnings);
		if (!messageId.isEmpty() && received.stream().anyMatch(r -> r.kind().equals("message")
				&& r.integrationId().equals(integrationId) && r.messageId().equals(messageId))) {
			all.add("channel.messageId " + messageId + " was already received: the message is a duplicate");
		}
		String key = integrationId + "\n" + customerId;
		Conversation conversation = conversations.remove(key);
		conversation = conversation == null
				? new Conversation(UUID.randomUUID().toString(), integrationId, customerId, idType, nickname, now, now,
						1)
				: new Conversation(conversation.id(), integrationId, customerId, idType,
						nickname == null ? conversation.nickname() : nickname, conversation.startedAt(), now,
						conversation.messages() + 1);
		put(key, conversation);
		return add(new Received("message", integrationId, newId(), conversation.id(), now, body, List.copyOf(all),
				attachments));
	}

	/**
	 * Stores a customer event (typing), attaching it to the customer's open conversation if there is one.
	 */
	synchronized Received event(String integrationId, JsonNode body, List<String> warnings, String customerId) {
		Conversation conversation = conversations.get(integrationId + "\n" + customerId);
		return add(new Received("event", integrationId, newId(), conversation == null ? null : conversation.id(),
				clock.instant(), body, List.copyOf(warnings), List.of()));
	}

	/**
	 * @return the customer's open conversation, opened now (with no messages) if there is none, as when an agent
	 *         starts one.
	 */
	synchronized Conversation open(String integrationId, String customerId, String idType) {
		String key = integrationId + "\n" + customerId;
		Conversation conversation = conversations.get(key);
		if (conversation == null) {
			Instant now = clock.instant();
			conversation = new Conversation(UUID.randomUUID().toString(), integrationId, customerId, idType, null, now,
					now, 0);
			put(key, conversation);
		}
		return conversation;
	}

	private void put(String key, Conversation conversation) {
		conversations.put(key, conversation);
		while (conversations.size() > CAPACITY) {
			conversations.remove(conversations.keySet().iterator().next());
		}
	}

	private static String newId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	/**
	 * Stores a receipt, attaching it to the customer's open conversation if there is one.
	 */
	synchronized Received receipt(String integrationId, String id, JsonNode body, List<String> warnings,
			String customerId) {
		Conversation conversation = conversations.get(integrationId + "\n" + customerId);
		return add(new Received("receipt", integrationId, id, conversation == null ? null : conversation.id(),
				clock.instant(), body, List.copyOf(warnings), List.of()));
	}

	private Received add(Received entry) {
		received.addLast(entry);
		while (received.size() > CAPACITY) {
			received.removeFirst();
		}
		return entry;
	}

	/**
	 * @param kind {@code message}, {@code receipt} or {@code event}; any if {@literal null}.
	 * @param messageId matches {@code channel.messageId} or the entry's id; any if {@literal null}.
	 * @param customerId matches {@code channel.from.id} of messages and events and {@code channel.to.id} of receipts;
	 *        any if {@literal null}.
	 * @param integrationId any if {@literal null}.
	 * @return the matching entries, oldest first.
	 */
	synchronized List<Received> find(@Nullable String kind, @Nullable String messageId, @Nullable String customerId,
			@Nullable String integrationId) {
		return received.stream()
				.filter(r -> kind == null || r.kind().equals(kind))
				.filter(r -> messageId == null || r.messageId().equals(messageId) || r.id().equals(messageId))
				.filter(r -> customerId == null || r.customerId().equals(customerId))
				.filter(r -> integrationId == null || r.integrationId().equals(integrationId))
				.toList();
	}

	synchronized List<Conversation> conversations() {
		return List.copyOf(conversations.values());
	}

	synchronized Optional<Conversation> conversation(String integrationId, String customerId) {
		return Optional.ofNullable(conversations.get(integrationId + "\n" + Objects.requireNonNull(customerId)));
	}

	/**
	 * Forgets everything received and every conversation.
	 */
	synchronized void clear() {
		received.clear();
		conversations.clear();
	}
}

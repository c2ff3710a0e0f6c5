package io.switchboard.sandbox.genesys;

import io.switchboard.platform.WebhookSignatures;
import io.switchboard.tenant.Tenant;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated Genesys Cloud agent: turns what an agent types into the Open Messaging outbound webhook Genesys posts
 * for it (Outbound Open NormalizedMessage, as the conformance corpus's {@code genesys/outbound-webhook/01-text.json}),
 * in the customer's conversation (opened if the agent writes first), signed with the integration's webhook secret,
 * and remembers the newest 10,000 messages with how the application answered. A file the agent attaches goes as
 * {@code Attachment} content (as {@code 09-attachment-file.json}) whose URL the simulator serves for a short while.
 */
@Component
class GenesysAgent {

	static final int CAPACITY = 10_000;
	static final int MAX_TEXT_LENGTH = 20_000;
	static final int MAX_QUICK_REPLIES = 50;
	static final List<String> TYPES = List.of("Text", "Structured", "Event");
	static final List<String> ENTITIES = List.of("Human", "Bot");
	static final int TYPING_DURATION_MS = 5000;

	private static final Logger log = LoggerFactory.getLogger(GenesysAgent.class);
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
			.withZone(ZoneOffset.UTC);

	private final GenesysOrganisations organisations;
	private final GenesysInbox inbox;
	private final GenesysWebhookDelivery delivery;
	private final GenesysStats stats;
	private final GenesysMedia media;
	private final JsonMapper json;
	private final Clock clock;
	private final Map<String, Sent> sent = new LinkedHashMap<>();

	@Autowired
	GenesysAgent(GenesysOrganisations organisations, GenesysInbox inbox, GenesysWebhookDelivery delivery,
			GenesysStats stats, GenesysMedia media, JsonMapper json) {
		this(organisations, inbox, delivery, stats, media, json, Clock.systemUTC());
	}

	GenesysAgent(GenesysOrganisations organisations, GenesysInbox inbox, GenesysWebhookDelivery delivery,
			GenesysStats stats, GenesysMedia media, JsonMapper json, Clock clock) {
		this.media = media;
		this.organisations = organisations;
		this.inbox = inbox;
		this.delivery = delivery;
		this.stats = stats;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * A quick reply offered with a {@code Structured} message.
	 *
	 * @param text what the button says.
	 * @param payload what comes back when it is tapped; the text if not given.
	 */
	record QuickReply(@Nullable String text, @Nullable String payload) {}

	/**
	 * What an agent types.
	 *
	 * @param integrationId the Open Messaging integration.
	 * @param toId the customer's id, e.g. {@code 447700900123}.
	 * @param toIdType {@code Phone}, {@code Email} or {@code Opaque}; that of the customer's conversation, else
	 *        {@code Phone} for digits and {@code Opaque} otherwise, if not given.
	 * @param text the message; none for events.
	 * @param quickReplies offered with {@code Structured} messages.
	 * @param type {@code Text}, {@code Structured} (quick replies) or {@code Event} (typing, 5 s); {@code Structured}
	 *        if quick replies are given, else {@code Text}, if not given.
	 * @param originatingEntity {@code Human} (default) or {@code Bot}.
	 * @param attachmentId a file uploaded with {@code POST /sandbox/genesys/control/agent-attachments}, sent as the
	 *        message's {@code Attachment} content (the text is then optional).
	 */
	record Typed(@Nullable String integrationId, @Nullable String toId, @Nullable String toIdType,
			@Nullable String text, @Nullable List<QuickReply> quickReplies, @Nullable String type,
			@Nullable String originatingEntity, @Nullable String attachmentId) {

		Typed(@Nullable String integrationId, @Nullable String toId, @Nullable String toIdType, @Nullable String text,
				@Nullable List<QuickReply> quickReplies, @Nullable String type, @Nullable String originatingEntity) {
			this(integrationId, toId, toIdType, text, quickReplies, type, originatingEntity, null);
		}
	}

	/**
	 * An agent message and what became of its webhook.
	 *
	 * @param id the Genesys message id (32 lowercase hex).
	 * @param integrationId the integration.
	 * @param conversationId the customer's conversation.
	 * @param toId the customer.
	 * @param type {@code Text}, {@code Structured} or {@code Event}.
	 * @param text the message, if any.
	 * @param sentAt the webhook's {@code channel.time}.
	 * @param payload the webhook body exactly as posted (UTF-8).
	 * @param signature the {@code X-Hub-Signature-256} it was posted with.
	 * @param body the webhook body.
	 * @param webhookStatus the HTTP status of the latest attempt; {@literal null} if unanswered or none yet.
	 * @param webhookError why the latest attempt was not answered.
	 * @param attempts the webhook calls made so far.
	 * @param done whether the delivery is over (accepted, refused, or out of retries).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Sent(String id, String integrationId, String conversationId, String toId, String type,
			@Nullable String text, Instant sentAt, String payload, String signature, JsonNode body,
			@Nullable Integer webhookStatus, @Nullable String webhookError,
			List<GenesysWebhookDelivery.Attempt> attempts, boolean done) {

		Sent with(List<GenesysWebhookDelivery.Attempt> all, boolean over) {
			GenesysWebhookDelivery.Attempt last = all.isEmpty() ? null : all.getLast();
			return new Sent(id, integrationId, conversationId, toId, type, text, sentAt, payload, signature, body,
					last == null ? null : last.status(), last == null ? null : last.error(), List.copyOf(all), over);
		}
	}

	/**
	 * A hosted integration that does not exist.
	 */
	static final class UnknownIntegration extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnknownIntegration(String integrationId) {
			super("No integration hosted by the simulator has the id " + integrationId, null, false, false);
		}
	}

	/**
	 * Builds, signs and posts the agent's message.
	 *
	 * @return the message once its delivery is over.
	 * @throws IllegalArgumentException if what was typed is invalid.
	 * @throws UnknownIntegration if the integration is not hosted by the simulator.
	 */
	CompletableFuture<Sent> send(Typed typed) {
		String integrationId = required(typed.integrationId(), "integrationId");
		String toId = required(typed.toId(), "toId");
		List<QuickReply> quickReplies = typed.quickReplies() == null ? List.of() : typed.quickReplies();
		String type = typed.type() == null || typed.type().isBlank() ? (quickReplies.isEmpty() ? "Text" : "Structured")
				: typed.type().strip();
		if (!TYPES.contains(type)) {
			throw new IllegalArgumentException("type must be one of " + String.join(", ", TYPES));
		}
		String entity = typed.originatingEntity() == null || typed.originatingEntity().isBlank() ? "Human"
				: typed.originatingEntity().strip();
		if (!ENTITIES.contains(entity)) {
			throw new IllegalArgumentException("originatingEntity must be Human or Bot");
		}
		String text = typed.text();
		GenesysMedia.Item attachment = null;
		if (typed.attachmentId() != null && !typed.attachmentId().isBlank()) {
			if (!type.equals("Text")) {
				throw new IllegalArgumentException("an attachment goes with type Text");
			}
			attachment = media.download(typed.attachmentId().strip()).orElseThrow(() -> new IllegalArgumentException(
					"no agent attachment has the id " + typed.attachmentId().strip() + " (or its URL has expired)"));
			if (text != null && text.isBlank()) {
				text = null;
			}
		}
		if (type.equals("Event")) {
			if ((text != null && !text.isEmpty()) || !quickReplies.isEmpty()) {
				throw new IllegalArgumentException("an Event carries neither text nor quick replies");
			}
		}
		else if (attachment != null && text == null) {
			if (!quickReplies.isEmpty()) {
				throw new IllegalArgumentException("quick replies need type Structured");
			}
		}
		else {
			if (text == null || text.isBlank()) {
				throw new IllegalArgumentException("text must not be blank");
			}
			if (text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
				throw new IllegalArgumentException("text must be at most " + MAX_TEXT_LENGTH + " characters long");
			}
			if (type.equals("Text") && !quickReplies.isEmpty()) {
				throw new IllegalArgumentException("quick replies need type Structured");
			}
			if (type.equals("Structured") && quickReplies.isEmpty()) {
				throw new IllegalArgumentException("a Structured message needs quick replies");
			}
			if (quickReplies.size() > MAX_QUICK_REPLIES) {
				throw new IllegalArgumentException("at most " + MAX_QUICK_REPLIES + " quick replies");
			}
			for (QuickReply reply : quickReplies) {
				if (reply == null || reply.text() == null || reply.text().isBlank()) {
					throw new IllegalArgumentException("every quick reply needs a text");
				}
			}
		}
		Tenant tenant = organisations.byIntegrationId(integrationId)
				.orElseThrow(() -> new UnknownIntegration(integrationId));
		Optional<GenesysInbox.Conversation> existing = inbox.conversation(integrationId, toId);
		String idType = typed.toIdType() != null && !typed.toIdType().isBlank() ? typed.toIdType().strip()
				: existing.map(GenesysInbox.Conversation::idType)
						.orElse(toId.chars().allMatch(Character::isDigit) ? "Phone" : "Opaque");
		if (!GenesysValidation.ID_TYPES.contains(idType)) {
			throw new IllegalArgumentException("toIdType must be one of " + String.join(", ",
					GenesysValidation.ID_TYPES));
		}
		GenesysInbox.Conversation conversation = inbox.open(integrationId, toId, idType);

		String id = UUID.randomUUID().toString().replace("-", "");
		Instant time = clock.instant();
		ObjectNode body = body(id, tenant, conversation, idType, time, type, text, quickReplies, entity, attachment);
		byte[] bytes = json.writeValueAsBytes(body);
		String signature = WebhookSignatures.signBase64(bytes, tenant.genesys().webhookSecret());
		Sent message = new Sent(id, integrationId, conversation.id(), toId, type, text, time,
				new String(bytes, StandardCharsets.UTF_8), signature, body, null, null, List.of(), false);
		stats.agentMessages.incrementAndGet();
		store(message);
		log.debug("Genesys simulator: agent {} message {} to a customer of integration {}", type, id, integrationId);

		List<GenesysWebhookDelivery.Attempt> attempts = new ArrayList<>();
		return delivery.deliver(bytes, signature, attempt -> {
			synchronized (attempts) {
				attempts.add(attempt);
				update(id, List.copyOf(attempts), false);
			}
		}).thenApply(all -> {
			log.debug("Genesys simulator: webhook of agent message {} answered {} after {} attempt(s)", id,
					all.getLast().status(), all.size());
			Sent updated = update(id, all, true);
			return updated != null ? updated : message.with(all, true);
		});
	}

	/**
	 * @param integrationId any if {@literal null}.
	 * @param toId any if {@literal null}.
	 * @param conversationId any if {@literal null}.
	 * @return the agent messages, oldest first.
	 */
	synchronized List<Sent> find(@Nullable String integrationId, @Nullable String toId,
			@Nullable String conversationId) {
		return sent.values().stream()
				.filter(m -> integrationId == null || m.integrationId().equals(integrationId))
				.filter(m -> toId == null || m.toId().equals(toId))
				.filter(m -> conversationId == null || m.conversationId().equals(conversationId))
				.toList();
	}

	synchronized void clear() {
		sent.clear();
	}

	private synchronized void store(Sent message) {
		sent.put(message.id(), message);
		while (sent.size() > CAPACITY) {
			sent.remove(sent.keySet().iterator().next());
		}
	}

	private synchronized @Nullable Sent update(String id, List<GenesysWebhookDelivery.Attempt> attempts,
			boolean done) {
		Sent current = sent.get(id);
		if (current == null || current.done()) {
			return current;
		}
		Sent updated = current.with(attempts, done);
		sent.put(id, updated);
		return updated;
	}

	/**
	 * The webhook body, fields in Genesys's order.
	 */
	private ObjectNode body(String id, Tenant tenant, GenesysInbox.Conversation conversation, String idType,
			Instant time, String type, @Nullable String text, List<QuickReply> quickReplies, String entity,
			GenesysMedia.@Nullable Item attachment) {
		ObjectNode body = json.createObjectNode();
		body.put("id", id);
		ObjectNode channel = body.putObject("channel");
		channel.put("id", tenant.genesys().integrationId());
		channel.put("platform", "Open");
		channel.put("type", "Private");
		channel.put("messageId", id);
		ObjectNode to = channel.putObject("to");
		to.put("id", conversation.customerId());
		to.put("idType", idType);
		if (conversation.nickname() != null) {
			to.put("nickname", conversation.nickname());
		}
		ObjectNode from = channel.putObject("from");
		from.put("id", tenant.genesys().integrationId());
		from.put("idType", "Opaque");
		from.put("nickname", tenant.name() + " WhatsApp");
		channel.put("time", TIME.format(time));
		body.put("type", type);
		if (type.equals("Event")) {
			body.putArray("events").addObject().put("eventType", "Typing").putObject("typing").put("type", "On")
					.put("duration", TYPING_DURATION_MS);
		}
		else if (text != null) {
			body.put("text", text);
		}
		if (attachment != null) {
			ObjectNode file = body.putArray("content").addObject().put("contentType", "Attachment")
					.putObject("attachment");
			file.put("id", attachment.id());
			file.put("mediaType", attachment.mediaType());
			file.put("url", attachment.url());
			file.put("mime", attachment.mime());
			if (attachment.filename() != null) {
				file.put("filename", attachment.filename());
			}
			file.put("contentSizeBytes", attachment.contentSizeBytes());
		}
		if (!quickReplies.isEmpty()) {
			ArrayNode content = body.putArray("content");
			for (QuickReply reply : quickReplies) {
				ObjectNode quickReply = content.addObject().put("contentType", "QuickReply").putObject("quickReply");
				quickReply.put("text", reply.text());
				quickReply.put("payload", reply.payload() == null || reply.payload().isBlank() ? reply.text()
						: reply.payload());
				quickReply.put("action", "Message");
			}
		}
		body.put("direction", "Outbound");
		body.put("originatingEntity", entity);
		body.put("conversationId", conversation.id());
		return body;
	}

	private static String required(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(field + " is required");
		}
		return value.strip();
	}
}

package io.switchboard.sandbox.meta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * What the simulated Graph API accepted (the newest 10,000 sends), the status webhooks sent for each, and the
 * conversations (24-hour windows per number and customer) the statuses refer to.
 */
@Component
class MetaOutbox {

	static final int CAPACITY = 10_000;
	static final Duration CONVERSATION = Duration.ofHours(24);
	static final List<String> STATUSES = List.of("sent", "delivered", "read", "failed");

	private final Map<String, Send> sends = new LinkedHashMap<>();
	private final Map<String, Conversation> conversations = new HashMap<>();
	private final Clock clock;

	MetaOutbox() {
		this(Clock.systemUTC());
	}

	MetaOutbox(Clock clock) {
		this.clock = clock;
	}

	/**
	 * A 24-hour conversation, as the statuses' {@code conversation} object reports it.
	 *
	 * @param id 32 hex characters.
	 * @param expiresAt when it ends.
	 * @param origin {@code service}, or {@code utility} when a template opened it.
	 */
	record Conversation(String id, Instant expiresAt, String origin) {}

	/**
	 * A status webhook the simulator sent.
	 *
	 * @param status {@code sent}, {@code delivered}, {@code read} or {@code failed}.
	 * @param timestamp the status's {@code timestamp}.
	 * @param errorCode the error of a {@code failed} status.
	 * @param webhookStatus how the application answered; {@literal null} if it could not be reached.
	 * @param webhookError why it could not be reached.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Status(String status, Instant timestamp, @Nullable Integer errorCode, @Nullable Integer webhookStatus,
			@Nullable String webhookError) {}

	/**
	 * An accepted send. Its statuses are guarded by the instance's monitor; {@link #emitting} is held while a status
	 * webhook is sent for it (a lock rather than a monitor, so that virtual threads waiting on the application are not
	 * pinned).
	 */
	static final class Send {

		final String wamid;
		final String tenantId;
		final String phoneNumberId;
		final Instant receivedAt;
		final JsonNode body;
		final MetaGraphValidation.CheckedSend checked;
		final Conversation conversation;
		final @Nullable String mediaId;
		final ReentrantLock emitting = new ReentrantLock();
		private final List<Status> statuses = new ArrayList<>();

		Send(String wamid, String tenantId, String phoneNumberId, Instant receivedAt, JsonNode body,
				MetaGraphValidation.CheckedSend checked, Conversation conversation, @Nullable String mediaId) {
			this.wamid = wamid;
			this.tenantId = tenantId;
			this.phoneNumberId = phoneNumberId;
			this.receivedAt = receivedAt;
			this.body = body;
			this.checked = checked;
			this.conversation = conversation;
			this.mediaId = mediaId;
		}

		synchronized void add(Status status) {
			statuses.add(status);
		}

		synchronized List<Status> statuses() {
			return List.copyOf(statuses);
		}

		synchronized boolean has(String status) {
			return statuses.stream().anyMatch(s -> s.status().equals(status));
		}

		/**
		 * @return what the customer's phone shows: {@code failed}, the furthest of {@code sent}, {@code delivered},
		 *         {@code read}, or {@code accepted} before any status.
		 */
		synchronized String progress() {
			if (has("failed")) {
				return "failed";
			}
			for (String status : List.of("read", "delivered", "sent")) {
				if (has(status)) {
					return status;
				}
			}
			return "accepted";
		}

		View view() {
			return new View(wamid, phoneNumberId, receivedAt, body, mediaId,
					mediaId == null ? null : MetaMediaControlController.MEDIA_PATH + mediaId + "/content", statuses());
		}
	}

	/**
	 * A send as the control API shows it.
	 *
	 * @param wamid the id answered.
	 * @param phoneNumberId the number it was sent from.
	 * @param receivedAt when the request arrived.
	 * @param body the request body as received.
	 * @param mediaId the media sent (uploaded, or fetched from the {@code link}), for media messages.
	 * @param mediaUrl where the control API serves that media.
	 * @param statuses the status webhooks sent for it so far, oldest first.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record View(String wamid, String phoneNumberId, Instant receivedAt, JsonNode body, @Nullable String mediaId,
			@Nullable String mediaUrl, List<Status> statuses) {}

	/**
	 * Stores an accepted send, opening a conversation for the customer if none is open.
	 */
	synchronized Send accept(String wamid, String tenantId, String phoneNumberId, JsonNode body,
			MetaGraphValidation.CheckedSend checked) {
		return accept(wamid, tenantId, phoneNumberId, body, checked, null);
	}

	/**
	 * Stores an accepted send of the given media, opening a conversation for the customer if none is open.
	 */
	synchronized Send accept(String wamid, String tenantId, String phoneNumberId, JsonNode body,
			MetaGraphValidation.CheckedSend checked, @Nullable String mediaId) {
		Instant now = clock.instant();
		String key = phoneNumberId + "\n" + checked.customer();
		Conversation conversation = conversations.get(key);
		if (conversation == null || !conversation.expiresAt().isAfter(now)) {
			conversation = new Conversation(Wamids.hex(16), now.plus(CONVERSATION).truncatedTo(ChronoUnit.SECONDS),
					checked.freeForm() ? "service" : "utility");
			conversations.put(key, conversation);
		}
		Send send = new Send(wamid, tenantId, phoneNumberId, now, body, checked, conversation, mediaId);
		sends.put(wamid, send);
		while (sends.size() > CAPACITY) {
			sends.remove(sends.keySet().iterator().next());
		}
		return send;
	}

	synchronized Optional<Send> find(String wamid) {
		return Optional.ofNullable(sends.get(wamid));
	}

	/**
	 * @param to matches the customer's number ({@code to} reduced to digits, or as sent) or BSUID; any if
	 *        {@literal null}.
	 * @param callbackData matches {@code biz_opaque_callback_data}; any if {@literal null}.
	 * @param type matches the message {@code type}; any if {@literal null}.
	 * @return the matching sends, oldest first.
	 */
	synchronized List<Send> find(@Nullable String to, @Nullable String callbackData, @Nullable String type) {
		List<Send> found = new ArrayList<>();
		for (Send send : sends.values()) {
			MetaGraphValidation.CheckedSend checked = send.checked;
			if ((to == null || to.equals(checked.customer()) || to.equals(checked.to()))
					&& (callbackData == null || callbackData.equals(checked.callbackData()))
					&& (type == null || type.equals(checked.type()))) {
				found.add(send);
			}
		}
		return List.copyOf(found);
	}

	/**
	 * Forgets every send and conversation.
	 */
	synchronized void clear() {
		sends.clear();
		conversations.clear();
	}
}

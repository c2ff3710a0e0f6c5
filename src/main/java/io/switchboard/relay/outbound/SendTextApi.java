package io.switchboard.relay.outbound;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.BusinessReplies;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.FailureReason;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.platform.web.CallingTenant;
import io.switchboard.platform.web.ProblemException;
import io.switchboard.platform.web.ProblemType;
import io.switchboard.relay.ApiRequests;
import io.switchboard.relay.CustomerIdentifier;
import io.switchboard.relay.IdempotencyKey;
import io.switchboard.relay.MessageText;
import io.switchboard.tenant.Tenants;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;


/**
 * {@code POST /whatsapp/send/text}: a back-office system sends a text to a customer. The request goes through the
 * same rules as an agent's reply: the customer must have written within the 24-hour service window (checked now, so
 * the caller hears at once), the message is recorded in the ledger once per {@code Idempotency-Key}, and the send is
 * paced and retried like every other. A key repeated with the same recipient and text answers with the first
 * request's message (even once the window has closed); with another recipient or text it is refused with 422
 * {@code idempotency-key-reused}.
 */
@RestController
@Tag(name = "Messaging", description = "Send to WhatsApp and to Genesys on behalf of the tenant")
@SecurityRequirement(name = "apiKey")
class SendTextApi {

	private final Tenants tenants;
	private final Conversations conversations;
	private final CustomerDelivery delivery;
	private final BusinessReplies replies;
	private final MessageLedger ledger;

	SendTextApi(Tenants tenants, Conversations conversations, CustomerDelivery delivery, BusinessReplies replies,
			MessageLedger ledger) {
		this.ledger = ledger;
		this.tenants = tenants;
		this.conversations = conversations;
		this.delivery = delivery;
		this.replies = replies;
	}

	/**
	 * @param to the customer's wa_id digits or BSUID.
	 * @param text at most 4096 characters; a link gets a preview.
	 */
	record SendText(@CustomerIdentifier String to, @MessageText String text) {}

	/**
	 * @param messageId the ledger entry; follow {@code statusUrl} for its progress.
	 */
	record Accepted(long messageId, String status, URI statusUrl) {}

	@PostMapping("/whatsapp/send/text")
	@Operation(summary = "Send a text to a customer who wrote within the last 24 hours",
			description = "Answers 202 once the message is recorded and queued; 422 when the customer never wrote or "
					+ "the 24-hour window is closed (send a template instead). Repeating a request with the same "
					+ "Idempotency-Key and body answers with the first request's message; the same key with a different "
					+ "recipient or text answers 422 idempotency-key-reused.")
	ResponseEntity<Accepted> send(CallingTenant caller, @Valid @RequestBody SendText request,
			@Parameter(description = "Makes retries of this request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @IdempotencyKey @Nullable String idempotencyKey) {
		String key = ApiRequests.idempotencyKey(idempotencyKey);
		String fingerprint = ApiRequests.fingerprint(caller.id(), "whatsapp/send/text", request.to(),
				request.text());
		Optional<MessageLedger.Recorded> earlier = idempotencyKey == null ? Optional.empty()
				: ledger.findRequested(caller.id(), key);
		if (earlier.isPresent()) {
			return answer(earlier.get(), key, fingerprint);
		}
		Optional<Conversation> conversation = conversations.findLatest(caller.id(), request.to());
		var refusal = delivery.refusal(tenants.byId(caller.id()).orElseThrow(), conversation, request.to());
		if (refusal.isPresent()) {
			ProblemType type = refusal.get().reason() == FailureReason.SERVICE_WINDOW_CLOSED
					? ProblemType.SERVICE_WINDOW_CLOSED : ProblemType.UNKNOWN_RECIPIENT;
			throw new ProblemException(type, refusal.get().detail());
		}
		MessageLedger.Recorded recorded = replies.send(conversation.get().id(), key, fingerprint,
				new BusinessMessage(new BusinessMessage.Content.Text(request.text()), null));
		return answer(recorded, key, fingerprint);
	}

	private static ResponseEntity<Accepted> answer(MessageLedger.Recorded recorded, String key, String fingerprint) {
		if (!recorded.isFor(fingerprint)) {
			throw ApiRequests.keyReused("Idempotency-Key", key);
		}
		URI status = URI.create("/api/messages/" + recorded.entry().id());
		return ResponseEntity.accepted().location(status)
				.body(new Accepted(recorded.entry().id(), recorded.entry().status().name(), status));
	}
}

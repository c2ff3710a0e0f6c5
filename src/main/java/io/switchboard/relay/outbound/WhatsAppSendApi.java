package io.switchboard.relay.outbound;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.CustomerMessage.MediaKind;
import io.switchboard.conversation.BusinessReplies;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.FailureReason;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.platform.web.CallingTenant;
import io.switchboard.platform.web.ProblemException;
import io.switchboard.platform.web.ProblemType;
import io.switchboard.relay.ApiRequests;
import io.switchboard.relay.AttachmentUrl;
import io.switchboard.relay.CustomerIdentifier;
import io.switchboard.relay.IdempotencyKey;
import io.switchboard.relay.MessageText;
import io.switchboard.tenant.Tenants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;


/**
 * {@code POST /whatsapp/send/text} (and {@code /image}, {@code /document}, {@code /video}, {@code /audio}): a
 * back-office system sends a text or a file to a customer. A file is fetched from the URL given when the message is
 * sent, like an agent's attachment (public hosts only, within WhatsApp's limits for its kind, its type detected from
 * its bytes); what cannot be fetched or sent leaves the ledger entry failed with why. The request goes through the
 * same rules as an agent's reply: the customer must have written within the 24-hour service window (checked now, so
 * the caller hears at once), the message is recorded in the ledger once per {@code Idempotency-Key}, and the send is
 * paced and retried like every other. A key repeated with the same recipient and text answers with the first
 * request's message (even once the window has closed); with another recipient or text it is refused with 422
 * {@code idempotency-key-reused}.
 */
@RestController
@Tag(name = "Messaging", description = "Send to WhatsApp and to Genesys on behalf of the tenant")
@SecurityRequirement(name = "apiKey")
class WhatsAppSendApi {

	private final Tenants tenants;
	private final Conversations conversations;
	private final CustomerDelivery delivery;
	private final BusinessReplies replies;
	private final MessageLedger ledger;

	WhatsAppSendApi(Tenants tenants, Conversations conversations, CustomerDelivery delivery, BusinessReplies replies,
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

	/**
	 * @param to the customer's wa_id digits or BSUID.
	 * @param imageUrl where the image (JPEG or PNG, at most 5 MB) can be fetched.
	 * @param caption shown under it.
	 */
	record SendImage(@CustomerIdentifier String to, @AttachmentUrl String imageUrl,
			@Size(max = 1024) @Nullable String caption) {}

	/**
	 * @param documentUrl where the document (PDF, text or Office, at most 100 MB) can be fetched.
	 * @param filename shown to the customer.
	 */
	record SendDocument(@CustomerIdentifier String to, @AttachmentUrl String documentUrl,
			@Size(max = 1024) @Nullable String caption, @Size(max = 240) @Nullable String filename) {}

	/**
	 * @param videoUrl where the video (MP4 or 3GPP, at most 16 MB) can be fetched.
	 */
	record SendVideo(@CustomerIdentifier String to, @AttachmentUrl String videoUrl,
			@Size(max = 1024) @Nullable String caption) {}

	/**
	 * @param audioUrl where the audio (AAC, AMR, MP3, M4A or OGG/Opus, at most 16 MB) can be fetched.
	 */
	record SendAudio(@CustomerIdentifier String to, @AttachmentUrl String audioUrl) {}

	@PostMapping("/whatsapp/send/image")
	@Operation(summary = "Send an image to a customer who wrote within the last 24 hours",
			description = "As /whatsapp/send/text; the image is fetched when the message is sent.")
	ResponseEntity<Accepted> image(CallingTenant caller, @Valid @RequestBody SendImage request,
			@RequestHeader(name = "Idempotency-Key", required = false) @IdempotencyKey @Nullable String idempotencyKey) {
		return sendFile(caller, "image", request.to(), MediaKind.IMAGE, request.imageUrl(), request.caption(), null,
				idempotencyKey);
	}

	@PostMapping("/whatsapp/send/document")
	@Operation(summary = "Send a document to a customer who wrote within the last 24 hours",
			description = "As /whatsapp/send/text; the document is fetched when the message is sent.")
	ResponseEntity<Accepted> document(CallingTenant caller, @Valid @RequestBody SendDocument request,
			@RequestHeader(name = "Idempotency-Key", required = false) @IdempotencyKey @Nullable String idempotencyKey) {
		return sendFile(caller, "document", request.to(), MediaKind.DOCUMENT, request.documentUrl(), request.caption(),
				request.filename(), idempotencyKey);
	}

	@PostMapping("/whatsapp/send/video")
	@Operation(summary = "Send a video to a customer who wrote within the last 24 hours",
			description = "As /whatsapp/send/text; the video is fetched when the message is sent.")
	ResponseEntity<Accepted> video(CallingTenant caller, @Valid @RequestBody SendVideo request,
			@RequestHeader(name = "Idempotency-Key", required = false) @IdempotencyKey @Nullable String idempotencyKey) {
		return sendFile(caller, "video", request.to(), MediaKind.VIDEO, request.videoUrl(), request.caption(), null,
				idempotencyKey);
	}

	@PostMapping("/whatsapp/send/audio")
	@Operation(summary = "Send an audio file to a customer who wrote within the last 24 hours",
			description = "As /whatsapp/send/text; the audio is fetched when the message is sent.")
	ResponseEntity<Accepted> audio(CallingTenant caller, @Valid @RequestBody SendAudio request,
			@RequestHeader(name = "Idempotency-Key", required = false) @IdempotencyKey @Nullable String idempotencyKey) {
		return sendFile(caller, "audio", request.to(), MediaKind.AUDIO, request.audioUrl(), null, null,
				idempotencyKey);
	}

	private ResponseEntity<Accepted> sendFile(CallingTenant caller, String operation, String to, MediaKind kind,
			String url, @Nullable String caption, @Nullable String filename, @Nullable String idempotencyKey) {
		return send(caller, to, new BusinessMessage(new BusinessMessage.Content.Attachment(kind, url, null, filename, caption), null),
				idempotencyKey, ApiRequests.fingerprint(caller.id(), "whatsapp/send/" + operation, to, url,
						caption == null ? "" : caption, filename == null ? "" : filename));
	}

	@PostMapping("/whatsapp/send/text")
	@Operation(summary = "Send a text to a customer who wrote within the last 24 hours",
			description = "Answers 202 once the message is recorded and queued; 422 when the customer never wrote or "
					+ "the 24-hour window is closed (send a template instead). Repeating a request with the same "
					+ "Idempotency-Key and body answers with the first request's message; the same key with a different "
					+ "recipient or text answers 422 idempotency-key-reused.")
	ResponseEntity<Accepted> send(CallingTenant caller, @Valid @RequestBody SendText request,
			@Parameter(description = "Makes retries of this request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @IdempotencyKey @Nullable String idempotencyKey) {
		return send(caller, request.to(), new BusinessMessage(new BusinessMessage.Content.Text(request.text()), null),
				idempotencyKey,
				ApiRequests.fingerprint(caller.id(), "whatsapp/send/text", request.to(), request.text()));
	}

	private ResponseEntity<Accepted> send(CallingTenant caller, String to, BusinessMessage message,
			@Nullable String idempotencyKey, String fingerprint) {
		String key = ApiRequests.idempotencyKey(idempotencyKey);
		Optional<MessageLedger.Recorded> earlier = idempotencyKey == null ? Optional.empty()
				: ledger.findRequested(caller.id(), key);
		if (earlier.isPresent()) {
			return answer(earlier.get(), key, fingerprint);
		}
		Optional<Conversation> conversation = conversations.findLatest(caller.id(), to);
		var refusal = delivery.refusal(tenants.byId(caller.id()).orElseThrow(), conversation, to);
		if (refusal.isPresent()) {
			ProblemType type = refusal.get().reason() == FailureReason.SERVICE_WINDOW_CLOSED
					? ProblemType.SERVICE_WINDOW_CLOSED : ProblemType.UNKNOWN_RECIPIENT;
			throw new ProblemException(type, refusal.get().detail());
		}
		MessageLedger.Recorded recorded = replies.send(conversation.get().id(), key, fingerprint, message);
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

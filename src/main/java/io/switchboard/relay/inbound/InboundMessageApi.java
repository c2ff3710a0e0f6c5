package io.switchboard.relay.inbound;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.conversation.OrderingKeys;
import io.switchboard.platform.WorkChannels;
import io.switchboard.platform.web.CallingTenant;
import io.switchboard.relay.ApiRequests;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.InboundMessage;
import io.switchboard.whatsapp.MessageContent;
import io.switchboard.whatsapp.Metadata;
import io.switchboard.whatsapp.SenderProfile;
import io.switchboard.whatsapp.WhatsAppMessageReceived;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /genesys/messages/inbound}: a back-office system hands Genesys a customer's message it received by
 * other means. It is relayed exactly like a WhatsApp message (same identity rules, ledger and retries), except that it
 * does not open WhatsApp's 24-hour service window, which only the customer's own WhatsApp messages do. A key
 * ({@code Idempotency-Key} or {@code metadata.whatsappMessageId}) repeated with the same sender and text answers with
 * the first request's message; with another sender, nickname or text it is refused with 422
 * {@code idempotency-key-reused}.
 */
@RestController
@Tag(name = "Messaging")
@SecurityRequirement(name = "apiKey")
class InboundMessageApi {

	private final Tenants tenants;
	private final Conversations conversations;
	private final MessageLedger ledger;
	private final WorkChannels work;
	private final TransactionTemplate tx;

	InboundMessageApi(Tenants tenants, Conversations conversations, MessageLedger ledger, WorkChannels work,
			TransactionTemplate tx) {
		this.tenants = tenants;
		this.conversations = conversations;
		this.ledger = ledger;
		this.work = work;
		this.tx = tx;
	}

	/**
	 * The seed's body.
	 *
	 * @param conversationId the Genesys conversation, if known (informative: Genesys threads by sender).
	 * @param from the customer: {@code id} (wa_id digits or BSUID), {@code idType} ({@code Phone} or {@code Opaque}),
	 *        {@code nickname}.
	 * @param text the message.
	 * @param metadata {@code whatsappMessageId} makes the request idempotent, like {@code Idempotency-Key}; the
	 *        other entries are ignored.
	 * @param isNew ignored: Genesys decides whether a conversation is new.
	 */
	record InboundRequest(@Nullable String conversationId, @Nullable From from, @Nullable String text,
			@Nullable Map<String, String> metadata, @Nullable Boolean isNew) {}

	record From(@Nullable String nickname, @Nullable String id, @Nullable String idType) {}

	record Queued(long messageId, String whatsappMessageId, String status, URI statusUrl) {}

	@PostMapping("/genesys/messages/inbound")
	@Operation(summary = "Relay a customer's message to Genesys on the customer's behalf",
			description = "Answers 202 once recorded and queued. Repeating a request with the same Idempotency-Key "
					+ "(or metadata.whatsappMessageId) and body answers with the first request's message; the same "
					+ "key with another sender or text answers 422 idempotency-key-reused.")
	ResponseEntity<?> inbound(CallingTenant caller, @RequestBody InboundRequest request,
			@Parameter(description = "Makes retries of this request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Nullable String idempotencyKey) {
		From from = request.from();
		String invalid = from == null ? "from is required" : ApiRequests.invalidCustomerId(from.id(), "from.id");
		if (invalid == null && !List.of("Phone", "Opaque").contains(String.valueOf(from.idType()))) {
			invalid = "from.idType must be 'Phone' (a wa_id) or 'Opaque' (a BSUID)";
		}
		invalid = invalid != null ? invalid : ApiRequests.invalidText(request.text(), "text");
		invalid = invalid != null ? invalid : ApiRequests.invalidGivenId(request.metadata() == null ? null
				: request.metadata().get("whatsappMessageId"), "metadata.whatsappMessageId");
		invalid = invalid != null ? invalid : ApiRequests.tooLongId(request.conversationId(), "conversationId");
		if (invalid != null) {
			return ApiRequests.invalid(invalid);
		}
		String given = request.metadata() == null ? null : request.metadata().get("whatsappMessageId");
		String key = given != null ? given : ApiRequests.idempotencyKey(idempotencyKey);
		String messageId = given != null ? given : "api." + key;
		String fingerprint = ApiRequests.fingerprint(caller.id(), "genesys/messages/inbound", from.idType(),
				from.id(), from.nickname(), request.text());
		Tenant tenant = tenants.byId(caller.id()).orElseThrow();
		boolean phone = from.idType().equals("Phone");
		MessageLedger.Recorded recorded = tx.execute(status -> ledger.findHandedIn(caller.id(), messageId)
				.orElseGet(() -> {
					CustomerId customer = conversations.identify(caller.id(), phone ? from.id() : null,
							phone ? null : from.id());
					InboundMessage message = new InboundMessage(messageId, phone ? from.id() : null,
							phone ? null : from.id(), null, Instant.now(), "text", null, null, List.of(),
							new MessageContent.Text(request.text()), null);
					MessageLedger.Recorded r = ledger.recordHandedIn(caller.id(), messageId, customer, "text",
							message.timestamp(), fingerprint);
					if (r.created()) {
						work.publish(WorkChannels.INBOUND_API_MESSAGES, OrderingKeys.of(caller.id(), customer),
								new WhatsAppMessageReceived(caller.id(),
										new Metadata(tenant.whatsapp().phoneNumberId(),
												tenant.whatsapp().displayPhoneNumber()),
										new SenderProfile(phone ? from.id() : null, phone ? null : from.id(), null,
												from.nickname(), null),
										message));
					}
					return r;
				}));
		if (!recorded.isFor(fingerprint)) {
			return ApiRequests.keyReused(given != null ? "metadata.whatsappMessageId" : "Idempotency-Key", key);
		}
		LedgerEntry entry = recorded.entry();
		URI status = URI.create("/api/messages/" + entry.id());
		return ResponseEntity.accepted().location(status)
				.body(new Queued(entry.id(), messageId, entry.status().name(), status));
	}
}

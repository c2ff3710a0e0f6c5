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
import io.switchboard.platform.Identifiers;
import io.switchboard.work.WorkChannels;
import io.switchboard.platform.web.CallingTenant;
import io.switchboard.platform.web.Identifier;
import io.switchboard.relay.ApiRequests;
import io.switchboard.relay.CustomerIdentifier;
import io.switchboard.relay.IdempotencyKey;
import io.switchboard.relay.MessageText;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.InboundMessage;
import io.switchboard.whatsapp.MessageContent;
import io.switchboard.whatsapp.Metadata;
import io.switchboard.whatsapp.SenderProfile;
import io.switchboard.whatsapp.WhatsAppMessageReceived;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Instant;
import java.util.List;

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
	record InboundRequest(
			@Size(max = Identifiers.MAX_LENGTH, message = "must be at most " + Identifiers.MAX_LENGTH
					+ " characters") @Nullable String conversationId,
			@NotNull(message = "is required") @Valid From from, @MessageText String text,
			@Valid @Nullable RequestMetadata metadata, @Nullable Boolean isNew) {

		@Nullable String givenId() {
			return metadata == null ? null : metadata.whatsappMessageId();
		}
	}

	/**
	 * @param id wa_id digits or a BSUID.
	 * @param idType {@code Phone} (a wa_id) or {@code Opaque} (a BSUID).
	 */
	record From(@Nullable String nickname, @CustomerIdentifier String id,
			@NotNull(message = ID_TYPE) @Pattern(regexp = "Phone|Opaque", message = ID_TYPE) String idType) {}

	/**
	 * @param whatsappMessageId the message's id and the request's idempotency key, when given.
	 */
	record RequestMetadata(@Identifier @Nullable String whatsappMessageId) {}

	private static final String ID_TYPE = "must be 'Phone' (a wa_id) or 'Opaque' (a BSUID)";

	record Queued(long messageId, String whatsappMessageId, String status, URI statusUrl) {}

	@PostMapping("/genesys/messages/inbound")
	@Operation(summary = "Relay a customer's message to Genesys on the customer's behalf",
			description = "Answers 202 once recorded and queued. Repeating a request with the same Idempotency-Key "
					+ "(or metadata.whatsappMessageId) and body answers with the first request's message; the same "
					+ "key with another sender or text answers 422 idempotency-key-reused.")
	ResponseEntity<Queued> inbound(CallingTenant caller, @Valid @RequestBody InboundRequest request,
			@Parameter(description = "Makes retries of this request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @IdempotencyKey @Nullable String idempotencyKey) {
		From from = request.from();
		String given = request.givenId();
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
			throw ApiRequests.keyReused(given != null ? "metadata.whatsappMessageId" : "Idempotency-Key", key);
		}
		LedgerEntry entry = recorded.entry();
		URI status = URI.create("/api/messages/" + entry.id());
		return ResponseEntity.accepted().location(status)
				.body(new Queued(entry.id(), messageId, entry.status().name(), status));
	}
}

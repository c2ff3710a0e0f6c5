package io.switchboard.relay.outbound;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.conversation.Direction;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.genesys.GenesysReceipts;
import io.switchboard.genesys.OpenInboundReceipt;
import io.switchboard.platform.Identifiers;
import io.switchboard.platform.web.CallingTenant;
import io.switchboard.platform.web.ProblemException;
import io.switchboard.platform.web.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /genesys/receipts}: a back-office system reports what became of an agent's message that it delivered
 * by other means. The receipt is queued like the relay's own, and Genesys gets each status at most once.
 */
@RestController
@Tag(name = "Messaging")
@SecurityRequirement(name = "apiKey")
class ReceiptApi {

	private static final String REASONS = "MessageExpired|RateLimited|MessageNotAllowed|GeneralError|"
			+ "UnsupportedMessage|UnknownMessage|InvalidMessageStructure|InvalidDestination|ServerError|"
			+ "MediaTypeNotAllowed|InvalidMediaContentLength|RecipientOptedOut";
	private static final String STATUS = "must be 'delivered' or 'failed'; Genesys Open Messaging takes no other "
			+ "receipts";
	private static final String LONGEST = "must be at most " + Identifiers.MAX_LENGTH + " characters";

	private final MessageLedger ledger;
	private final GenesysReceipts receipts;

	ReceiptApi(MessageLedger ledger, GenesysReceipts receipts) {
		this.ledger = ledger;
		this.receipts = receipts;
	}

	/**
	 * @param conversationId the Genesys conversation (informative).
	 * @param messageId the Genesys message id of the agent's message.
	 * @param status {@code delivered} or {@code failed}; Open Messaging takes no {@code read}.
	 * @param reasonCode for {@code failed}: a Genesys reason code, {@code GeneralError} when absent.
	 * @param reason for {@code failed}: a sentence for the agent.
	 */
	record ReceiptRequest(@Size(max = Identifiers.MAX_LENGTH, message = LONGEST) @Nullable String conversationId,
			@NotBlank(message = "is required (the Genesys message id)")
			@Size(max = Identifiers.MAX_LENGTH, message = LONGEST) String messageId,
			@NotNull(message = STATUS) @Pattern(regexp = "(?i)delivered|failed", message = STATUS) String status,
			@Pattern(regexp = REASONS, message = "must be a Genesys reason code: one of " + REASONS)
			@Nullable String reasonCode,
			@Nullable String reason) {}

	record Queued(String messageId, String status, URI statusUrl) {}

	@PostMapping("/genesys/receipts")
	@Operation(summary = "Report an agent message delivered or failed to Genesys",
			description = "Answers 202 once the receipt is queued; 404 for a message Switchboard never relayed.")
	ResponseEntity<Queued> receipt(CallingTenant caller, @Valid @RequestBody ReceiptRequest request) {
		String status = request.status().toLowerCase(Locale.ROOT);
		String code = request.reasonCode() == null ? "GeneralError" : request.reasonCode();
		Optional<LedgerEntry> found = ledger.findByGenesysId(caller.id(), Direction.OUTBOUND, request.messageId());
		if (found.isEmpty()) {
			throw new ProblemException(ProblemType.NOT_FOUND,
					"No agent message " + request.messageId() + " was relayed for this tenant.");
		}
		LedgerEntry entry = found.get();
		var to = GenesysReceipts.recipient(entry.customerId());
		OpenInboundReceipt receipt = status.equals("delivered")
				? OpenInboundReceipt.delivered(request.messageId(), to, Instant.now())
				: OpenInboundReceipt.failed(request.messageId(), to, Instant.now(),
						new OpenInboundReceipt.Reason(code, request.reason()));
		if (!receipt.status().name().equals(entry.genesysReceipt())) {
			receipts.owe(entry, receipt);
		}
		return ResponseEntity.accepted().body(new Queued(request.messageId(), receipt.status().name(),
				URI.create("/api/messages/" + entry.id())));
	}
}

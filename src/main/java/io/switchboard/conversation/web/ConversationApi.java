package io.switchboard.conversation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.platform.web.CallingTenant;
import io.switchboard.platform.web.ProblemException;
import io.switchboard.platform.web.ProblemType;

import java.util.List;

import org.hibernate.validator.constraints.Range;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read access to the state manager for back-office systems: conversation mappings and the message ledger of the
 * calling tenant, never another tenant's.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "State", description = "Conversation mappings and the message ledger")
@SecurityRequirement(name = "apiKey")
class ConversationApi {

	private static final int MAX_PAGE = 500;

	private final Conversations conversations;
	private final MessageLedger ledger;

	ConversationApi(Conversations conversations, MessageLedger ledger) {
		this.conversations = conversations;
		this.ledger = ledger;
	}

	@GetMapping("/conversations")
	@Operation(summary = "The tenant's customers and their Genesys conversations, most recently active first")
	List<Conversation> conversations(CallingTenant tenant,
			@RequestParam(defaultValue = "50") @Range(min = 1, max = MAX_PAGE) int limit) {
		return conversations.list(tenant.id(), limit);
	}

	@GetMapping("/conversations/{customerId}")
	@Operation(summary = "One customer's conversation mapping, by wa_id or BSUID")
	Conversation conversation(CallingTenant tenant, @PathVariable String customerId) {
		return conversations.findLatest(tenant.id(), customerId)
				.orElseThrow(() -> notFound("No customer " + customerId + " for this tenant."));
	}

	@GetMapping("/messages")
	@Operation(summary = "The message ledger, newest first; filter by customer and status")
	List<LedgerEntry> messages(CallingTenant tenant, @RequestParam(required = false) @Nullable String customerId,
			@RequestParam(required = false) @Nullable MessageStatus status,
			@RequestParam(defaultValue = "50") @Range(min = 1, max = MAX_PAGE) int limit) {
		return ledger.list(tenant.id(), customerId, status, limit);
	}

	@GetMapping("/messages/{id}")
	@Operation(summary = "One ledger entry")
	LedgerEntry message(CallingTenant tenant, @PathVariable long id) {
		return ledger.find(tenant.id(), id).orElseThrow(() -> notFound("No message " + id + " for this tenant."));
	}

	private static ProblemException notFound(String detail) {
		return new ProblemException(ProblemType.NOT_FOUND, detail);
	}
}

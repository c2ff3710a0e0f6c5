package io.switchboard.relay.outbound;

import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.ConversationDestination.StatusChange;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.work.WorkChannels;
import io.switchboard.work.WorkHandler;
import io.switchboard.relay.Routes;
import io.switchboard.tenant.Tenants;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Sends the texts back-office systems asked for ({@code outbound-api-messages}) through {@link CustomerDelivery};
 * failures end in the ledger, where the caller's status URL shows them.
 */
@Component
class ApiMessageRelay implements WorkHandler<ApiMessageRequested> {

	private static final Logger log = LoggerFactory.getLogger(ApiMessageRelay.class);

	private final Tenants tenants;
	private final Conversations conversations;
	private final MessageLedger ledger;
	private final CustomerDelivery delivery;
	private final Routes routes;

	ApiMessageRelay(Tenants tenants, Conversations conversations, MessageLedger ledger, CustomerDelivery delivery,
			Routes routes) {
		this.routes = routes;
		this.tenants = tenants;
		this.conversations = conversations;
		this.ledger = ledger;
		this.delivery = delivery;
	}

	@Override
	public String channel() {
		return WorkChannels.OUTBOUND_API_MESSAGES;
	}

	@Override
	public Class<ApiMessageRequested> type() {
		return ApiMessageRequested.class;
	}

	@Override
	public void handle(ApiMessageRequested request) {
		MDC.put("tenant", request.tenantId());
		var tenant = tenants.byId(request.tenantId());
		Optional<LedgerEntry> found = ledger.find(request.tenantId(), request.ledgerEntryId());
		if (tenant.isEmpty() || found.isEmpty() || found.get().status() != MessageStatus.RECEIVED) {
			return;
		}
		LedgerEntry entry = found.get();
		Optional<Conversation> conversation = request.conversation() != null
				? conversations.find(request.conversation())
				: conversations.findLatest(request.tenantId(), entry.customerId());
		CustomerId customer = conversation.map(Conversation::customer).orElseGet(() -> CustomerId.of(entry.customerId()));
		String sent = delivery.deliver(tenant.get(), entry, customer, conversation, request.business(),
				request.requestedAt(), (reason, detail) -> {
					ledger.markFailed(entry.id(), detail);
					conversation.ifPresent(c -> routes.destinationOf(c).statusChanged(tenant.get(), c,
							new StatusChange(entry.id(), MessageStatus.FAILED, reason, detail, Instant.now())));
				});
		if (sent != null) {
			log.info("Sent the requested message to the customer as {}", sent);
		}
	}

	@Override
	public void exhausted(ApiMessageRequested request, String reason) {
		ledger.markGivenUp(request.ledgerEntryId(), reason);
	}

	@Override
	public void replayed(ApiMessageRequested request) {
		ledger.reopenGivenUp(request.ledgerEntryId());
	}
}

package io.switchboard.relay.outbound;

import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.platform.WorkChannels;
import io.switchboard.platform.WorkHandler;
import io.switchboard.tenant.Tenants;

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

	ApiMessageRelay(Tenants tenants, Conversations conversations, MessageLedger ledger, CustomerDelivery delivery) {
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
		CustomerId customer = CustomerId.of(entry.customerId());
		String sent = delivery.deliver(tenant.get(), entry, customer,
				conversations.find(request.tenantId(), customer.value()),
				new BusinessMessage(new BusinessMessage.Content.Text(request.text()), null), request.requestedAt(),
				(reason, detail) -> ledger.markFailed(entry.id(), detail));
		if (sent != null) {
			log.info("Sent API text to the customer as {}", sent);
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

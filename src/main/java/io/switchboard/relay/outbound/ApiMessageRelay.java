package io.switchboard.relay.outbound;

import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.platform.WorkChannels;
import io.switchboard.platform.WorkHandler;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.OutboundContent;
import io.switchboard.whatsapp.OutboundMessage;
import io.switchboard.whatsapp.Recipient;

import java.util.List;
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
		Recipient recipient = customer.kind() == CustomerId.Kind.BSUID ? Recipient.bsuid(customer.value())
				: Recipient.phone(customer.value());
		String wamid = delivery.deliver(tenant.get(), entry, conversations.find(request.tenantId(), customer.value()),
				List.of(new OutboundMessage(recipient, OutboundContent.Text.of(request.text()), null, null)),
				request.requestedAt(), (code, reason) -> ledger.markFailed(entry.id(), reason));
		if (wamid != null) {
			log.info("Sent API text to WhatsApp as {}", wamid);
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

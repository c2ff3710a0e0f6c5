package io.switchboard.relay.outbound;

import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.ConversationDestination.StatusChange;
import io.switchboard.conversation.Direction;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.work.WorkChannels;
import io.switchboard.work.WorkHandler;
import io.switchboard.relay.Routes;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.StatusMapping;
import io.switchboard.whatsapp.WhatsAppStatusReceived;

import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Applies WhatsApp's delivery statuses ({@link StatusMapping}) to the ledger, forward only, and tells the destination
 * of the message's conversation ({@link io.switchboard.conversation.ConversationDestination#statusChanged}): when the
 * ledger moved, when the status repeats the ledger's (a retry after a crash), and for every failure, even after
 * {@code delivered}. Genesys owes its receipt there like any destination hears a status. A status is matched to its
 * message by wamid, else by the Genesys id echoed in {@code biz_opaque_callback_data}, so a status overtaking the
 * send's answer still finds its message; a status for an agent message the ledger never saw is adopted.
 */
@Component
class WhatsAppStatusRelay implements WorkHandler<WhatsAppStatusReceived> {

	private static final Logger log = LoggerFactory.getLogger(WhatsAppStatusRelay.class);

	/**
	 * Genesys message ids are 32 lowercase hex characters; other senders on the same number may put their own
	 * correlation ids into {@code biz_opaque_callback_data}, which must never turn into receipts.
	 */
	private static final Pattern GENESYS_MESSAGE_ID = Pattern.compile("[0-9a-f]{32}");

	private final MessageLedger ledger;
	private final Tenants tenants;
	private final Conversations conversations;
	private final Routes routes;

	WhatsAppStatusRelay(MessageLedger ledger, Tenants tenants, Conversations conversations, Routes routes) {
		this.ledger = ledger;
		this.tenants = tenants;
		this.conversations = conversations;
		this.routes = routes;
	}

	@Override
	public String channel() {
		return WorkChannels.WHATSAPP_STATUS_UPDATES;
	}

	@Override
	public Class<WhatsAppStatusReceived> type() {
		return WhatsAppStatusReceived.class;
	}

	@Override
	public void handle(WhatsAppStatusReceived received) {
		var status = received.status();
		String tenantId = received.tenantId();
		MDC.put("tenant", tenantId);
		MDC.put("wamid", status.id());
		Optional<LedgerEntry> found = ledger.findByWhatsAppId(tenantId, status.id());
		String callback = status.bizOpaqueCallbackData();
		if (found.isEmpty() && callback != null && GENESYS_MESSAGE_ID.matcher(callback).matches()) {
			found = ledger.findByGenesysId(tenantId, Direction.OUTBOUND, callback).or(() -> adopt(received, callback));
		}
		if (found.isEmpty()) {
			log.info("WhatsApp status '{}' for a message Switchboard did not send; ignored", status.status());
			return;
		}
		LedgerEntry entry = found.get();
		if (entry.whatsappMessageId() == null) {
			ledger.markSent(entry.id(), status.id());
		}
		Optional<StatusChange> change = StatusMapping.toStatusChange(status, entry.id());
		if (change.isEmpty()) {
			log.debug("WhatsApp status '{}' changes nothing", status.status());
			return;
		}
		MessageStatus next = change.get().status();
		boolean moved = ledger.applyStatus(entry.id(), next, change.get().detail());
		if (entry.direction() == Direction.OUTBOUND
				&& (moved || next == entry.status() || next == MessageStatus.FAILED)) {
			tellDestination(received, entry, change.get());
		}
	}

	/**
	 * Tells the destination handling the conversation on the number that sent the message; without a conversation
	 * (an adopted agent message), the destination that number is routed to.
	 */
	private void tellDestination(WhatsAppStatusReceived received, LedgerEntry entry, StatusChange change) {
		String number = received.metadata().phoneNumberId();
		tenants.byId(received.tenantId()).ifPresent(tenant -> {
			Conversation conversation = conversations.find(tenant.id(), number, entry.customerId()).orElse(null);
			var destination = conversation != null ? routes.destinationOf(conversation)
					: routes.defaultDestination(tenant, number);
			destination.statusChanged(tenant, conversation, change);
		});
	}

	/**
	 * A status for an agent message this ledger has no entry for (sent before Switchboard kept one, or by another
	 * instance's database): recorded from what the status carries, so that its receipts are still given once.
	 */
	private Optional<LedgerEntry> adopt(WhatsAppStatusReceived received, String genesysMessageId) {
		var status = received.status();
		String customer = status.recipientId() != null ? status.recipientId() : status.recipientUserId();
		if (customer == null) {
			return Optional.empty();
		}
		return Optional.of(ledger.recordOutbound(received.tenantId(), genesysMessageId, CustomerId.of(customer),
				"unknown", null, null));
	}
}

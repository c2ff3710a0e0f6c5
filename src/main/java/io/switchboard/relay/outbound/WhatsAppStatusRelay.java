package io.switchboard.relay.outbound;

import io.switchboard.conversation.ConversationDestination.StatusChange;
import io.switchboard.conversation.Direction;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.FailureReason;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.work.WorkChannels;
import io.switchboard.work.WorkHandler;
import io.switchboard.relay.Routes;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.WhatsAppError;
import io.switchboard.whatsapp.WhatsAppFailures;
import io.switchboard.whatsapp.WhatsAppStatusReceived;

import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Applies WhatsApp's delivery statuses to the ledger, forward only, and owes Genesys the matching receipt:
 * {@code delivered} (or {@code read} without an earlier {@code delivered}) becomes {@code Delivered} once,
 * {@code failed} becomes {@code Failed} with a mapped reason, {@code sent} and later {@code read}s become nothing.
 * A status is matched to its message by wamid, else by the Genesys id echoed in {@code biz_opaque_callback_data},
 * so a status overtaking the send's answer still finds its message.
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
	private final Receipts receipts;
	private final Tenants tenants;
	private final Conversations conversations;
	private final Routes routes;

	WhatsAppStatusRelay(MessageLedger ledger, Receipts receipts, Tenants tenants, Conversations conversations,
			Routes routes) {
		this.ledger = ledger;
		this.receipts = receipts;
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
		Optional<MessageStatus> next = toLedger(status.status());
		Optional<WhatsAppError> error = status.errors().stream().findFirst();
		String detail = error.map(e -> ReceiptMapping.reason(e).message()).orElse(null);
		boolean moved = next.isPresent() && ledger.applyStatus(entry.id(), next.get(), detail);
		if (moved && entry.direction() == Direction.OUTBOUND) {
			tellDestination(received, entry, next.get(), error.map(e -> WhatsAppFailures.reason(e.code())).orElse(null),
					detail);
		}
		if (entry.genesysMessageId() != null && entry.direction() == Direction.OUTBOUND) {
			ReceiptMapping.receiptFor(status, entry.genesysMessageId(), Receipts.recipient(entry.customerId()),
					"Delivered".equals(entry.genesysReceipt()))
					.filter(receipt -> !receipt.status().name().equals(entry.genesysReceipt()))
					.ifPresent(receipt -> receipts.owe(entry, receipt));
		}
	}

	/**
	 * Tells the destination handling the conversation on the number that sent the message (Genesys hears through its
	 * receipts below instead).
	 */
	private void tellDestination(WhatsAppStatusReceived received, LedgerEntry entry, MessageStatus status,
			@Nullable FailureReason reason, @Nullable String detail) {
		tenants.byId(received.tenantId()).ifPresent(tenant -> conversations
			.find(tenant.id(), received.metadata().phoneNumberId(), entry.customerId())
			.ifPresent(conversation -> routes.destinationOf(conversation).statusChanged(tenant, conversation,
					new StatusChange(entry.id(), status, status == MessageStatus.FAILED ? reason : null, detail))));
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

	private static Optional<MessageStatus> toLedger(String whatsappStatus) {
		return Optional.ofNullable(switch (whatsappStatus) {
			case "sent" -> MessageStatus.SENT;
			case "delivered" -> MessageStatus.DELIVERED;
			case "read", "played" -> MessageStatus.READ;
			case "failed" -> MessageStatus.FAILED;
			default -> null;
		});
	}
}

package io.switchboard.relay.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.conversation.ConversationMapping;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.genesys.GenesysMessageReceived;
import io.switchboard.genesys.GenesysOutboundMessage;
import io.switchboard.genesys.OpenInboundReceipt;
import io.switchboard.platform.WorkChannels;
import io.switchboard.platform.WorkHandler;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.Recipient;
import io.switchboard.whatsapp.WhatsAppSendFailed;
import io.switchboard.whatsapp.WhatsAppSender;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Relays an agent's message from Genesys to the customer on WhatsApp: finds the customer, records the message in the
 * ledger, enforces WhatsApp's 24-hour customer service window, maps and sends it. Whatever goes wrong for good ends
 * as a {@code Failed} receipt to Genesys with a matching reason, never as a silent loss; a message the ledger already
 * shows as handled is not sent again.
 */
@Component
class OutboundRelay implements WorkHandler<GenesysMessageReceived> {

	private static final Logger log = LoggerFactory.getLogger(OutboundRelay.class);

	private final Tenants tenants;
	private final Conversations conversations;
	private final MessageLedger ledger;
	private final WhatsAppSender whatsapp;
	private final CustomerDelivery delivery;
	private final Receipts receipts;
	private final MeterRegistry meters;

	OutboundRelay(Tenants tenants, Conversations conversations, MessageLedger ledger, WhatsAppSender whatsapp,
			CustomerDelivery delivery, Receipts receipts, MeterRegistry meters) {
		this.tenants = tenants;
		this.conversations = conversations;
		this.ledger = ledger;
		this.whatsapp = whatsapp;
		this.delivery = delivery;
		this.receipts = receipts;
		this.meters = meters;
	}

	@Override
	public String channel() {
		return WorkChannels.OUTBOUND_GENESYS_MESSAGES;
	}

	@Override
	public Class<GenesysMessageReceived> type() {
		return GenesysMessageReceived.class;
	}

	@Override
	public void handle(GenesysMessageReceived received) {
		GenesysOutboundMessage message = received.message();
		MDC.put("tenant", received.tenantId());
		MDC.put("genesysMessageId", message.id());
		Optional<Tenant> tenant = tenants.byId(received.tenantId());
		if (tenant.isEmpty()) {
			log.warn("Dropping agent message: its tenant no longer exists");
			return;
		}
		Optional<ConversationMapping> mapping = conversations.find(received.tenantId(), message.to().id());
		CustomerId customer = mapping.map(ConversationMapping::customer).orElseGet(() -> CustomerId.of(message.to().id()));
		Recipient recipient = customer.kind() == CustomerId.Kind.BSUID ? Recipient.bsuid(customer.value())
				: Recipient.phone(customer.value());
		switch (OutboundMapping.plan(message, recipient)) {
			case OutboundPlan.Send send -> send(tenant.get(), received, customer, mapping, send);
			case OutboundPlan.Typing typing -> showTyping(tenant.get(), customer);
			case OutboundPlan.Receipt receipt -> log.debug("Receipts are handled on {}", WorkChannels.GENESYS_EVENTS);
			case OutboundPlan.Ignore ignore -> log.info("Agent message of type {} not sent: {}", message.type(),
					ignore.why());
		}
	}

	private void send(Tenant tenant, GenesysMessageReceived received, CustomerId customer,
			Optional<ConversationMapping> mapping, OutboundPlan.Send send) {
		GenesysOutboundMessage message = received.message();
		LedgerEntry entry = ledger.recordOutbound(tenant.id(), message.id(), customer, message.type(),
				message.conversationId(), message.time());
		if (entry.status() != MessageStatus.RECEIVED && entry.partsSent() == 0) {
			log.info("Agent message already {}, not sent again", entry.status());
			return;
		}
		String wamid = delivery.deliver(tenant, entry, mapping, send.messages(), received.receivedAt(),
				(code, reason) -> fail(entry, code, reason));
		if (wamid != null) {
			if (message.conversationId() != null) {
				conversations.assignConversation(tenant.id(), customer, message.conversationId());
			}
			log.info("Sent agent message to WhatsApp as {}", wamid);
		}
	}

	private void showTyping(Tenant tenant, CustomerId customer) {
		ledger.lastInbound(tenant.id(), customer.value()).map(LedgerEntry::whatsappMessageId).ifPresent(wamid -> {
			try {
				whatsapp.markRead(tenant, wamid, true);
			}
			catch (WhatsAppSendFailed failed) {
				log.info("Typing indicator not shown: {}", failed.reason());
			}
		});
	}

	private void fail(LedgerEntry entry, String reasonCode, String reason) {
		ledger.markFailed(entry.id(), reason);
		oweFailedReceipt(entry, reasonCode, reason);
	}

	private void oweFailedReceipt(LedgerEntry entry, String reasonCode, String reason) {
		receipts.owe(entry, OpenInboundReceipt.failed(entry.genesysMessageId(), Receipts.recipient(entry.customerId()),
				Instant.now(), new OpenInboundReceipt.Reason(reasonCode, reason)));
		meters.counter("switchboard.relay.messages", "direction", "outbound", "outcome", "failed").increment();
		log.warn("Agent message not delivered ({}): {}", reasonCode, reason);
	}

	@Override
	public void exhausted(GenesysMessageReceived received, String reason) {
		ledger.findByGenesysId(received.tenantId(), "outbound", received.message().id())
				.ifPresent(entry -> {
					if (ledger.markGivenUp(entry.id(), reason)) {
						oweFailedReceipt(entry, "RateLimited", MessageLedger.GAVE_UP + reason);
					}
				});
	}

	/**
	 * A replayed agent message the ledger shows as given up is sent again (the agent already got a {@code Failed}
	 * receipt for it, and gets {@code Delivered} if it now arrives); one WhatsApp accepted or refused is not.
	 */
	@Override
	public void replayed(GenesysMessageReceived received) {
		ledger.findByGenesysId(received.tenantId(), "outbound", received.message().id())
				.ifPresent(entry -> ledger.reopenGivenUp(entry.id()));
	}
}

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
import io.switchboard.platform.RetryLater;
import io.switchboard.platform.WorkChannels;
import io.switchboard.platform.WorkHandler;
import io.switchboard.relay.RelaySettings;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.OutboundMessage;
import io.switchboard.whatsapp.Recipient;
import io.switchboard.whatsapp.WhatsAppSendAccepted;
import io.switchboard.whatsapp.WhatsAppSendFailed;
import io.switchboard.whatsapp.WhatsAppSender;

import java.time.Duration;
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
	private final Receipts receipts;
	private final RelaySettings settings;
	private final MeterRegistry meters;

	OutboundRelay(Tenants tenants, Conversations conversations, MessageLedger ledger, WhatsAppSender whatsapp,
			Receipts receipts, RelaySettings settings, MeterRegistry meters) {
		this.tenants = tenants;
		this.conversations = conversations;
		this.ledger = ledger;
		this.whatsapp = whatsapp;
		this.receipts = receipts;
		this.settings = settings;
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
		if (entry.status() != MessageStatus.RECEIVED) {
			log.info("Agent message already {}, not sent again", entry.status());
			return;
		}
		if (mapping.isEmpty()) {
			fail(entry, "InvalidDestination", "Unknown recipient: " + customer.value()
					+ " has never written to this tenant's WhatsApp number");
			return;
		}
		Instant lastInbound = mapping.get().lastInboundAt();
		if (lastInbound == null || lastInbound.plus(settings.serviceWindow()).isBefore(Instant.now())) {
			fail(entry, "MessageExpired", "Outside WhatsApp's 24-hour customer service window: the customer last wrote "
					+ (lastInbound == null ? "never" : "at " + lastInbound) + "; only a template may be sent");
			return;
		}
		try {
			WhatsAppSendAccepted first = null;
			for (OutboundMessage part : send.messages()) {
				WhatsAppSendAccepted accepted = whatsapp.send(tenant, part);
				first = first == null ? accepted : first;
			}
			ledger.markSent(entry.id(), first.wamid());
			if (message.conversationId() != null) {
				conversations.assignConversation(tenant.id(), customer, message.conversationId());
			}
			meters.counter("switchboard.relay.messages", "direction", "outbound", "outcome", "relayed").increment();
			meters.timer("switchboard.relay.latency", "direction", "outbound")
					.record(Duration.between(received.receivedAt(), Instant.now()));
			log.info("Sent agent message to WhatsApp as {}", first.wamid());
		}
		catch (WhatsAppSendFailed failed) {
			if (failed.kind() == WhatsAppSendFailed.Kind.RETRY_LATER) {
				throw new RetryLater(failed.reason(),
						failed.retryAfter() == null ? Duration.ZERO : failed.retryAfter());
			}
			fail(entry, ReceiptMapping.reasonCode(failed.code()), failed.reason());
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
		receipts.owe(entry, OpenInboundReceipt.failed(entry.genesysMessageId(), Receipts.recipient(entry.customerId()),
				Instant.now(), new OpenInboundReceipt.Reason(reasonCode, reason)));
		meters.counter("switchboard.relay.messages", "direction", "outbound", "outcome", "failed").increment();
		log.warn("Agent message not delivered ({}): {}", reasonCode, reason);
	}

	@Override
	public void exhausted(GenesysMessageReceived received, String reason) {
		ledger.findByGenesysId(received.tenantId(), "outbound", received.message().id())
				.filter(entry -> entry.status() == MessageStatus.RECEIVED)
				.ifPresent(entry -> fail(entry, "RateLimited", "Gave up after repeated attempts: " + reason));
	}
}

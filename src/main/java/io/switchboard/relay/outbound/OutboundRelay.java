package io.switchboard.relay.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.conversation.Direction;
import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.FailureReason;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.genesys.GenesysMessageReceived;
import io.switchboard.genesys.GenesysOutboundMessage;
import io.switchboard.genesys.GenesysReceipts;
import io.switchboard.genesys.OpenInboundReceipt;
import io.switchboard.genesys.OutboundMapping;
import io.switchboard.genesys.OutboundPlan;
import io.switchboard.genesys.ReceiptReasons;
import io.switchboard.work.WorkChannels;
import io.switchboard.work.WorkHandler;
import io.switchboard.relay.Routes;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Relays an agent's message from Genesys to the customer on the tenant's channel: finds the customer, records the
 * message in the ledger, maps it to a neutral business message and has {@link CustomerDelivery} check the send
 * policies and send it. Whatever goes wrong for good ends
 * as a {@code Failed} receipt to Genesys with a matching reason, never as a silent loss; a message the ledger already
 * shows as handled is not sent again.
 */
@Component
class OutboundRelay implements WorkHandler<GenesysMessageReceived> {

	private static final Logger log = LoggerFactory.getLogger(OutboundRelay.class);
	private static final String GENESYS = "genesys";

	private final Tenants tenants;
	private final Conversations conversations;
	private final MessageLedger ledger;
	private final Routes routes;
	private final CustomerDelivery delivery;
	private final GenesysReceipts receipts;
	private final MeterRegistry meters;

	OutboundRelay(Tenants tenants, Conversations conversations, MessageLedger ledger, Routes routes,
			CustomerDelivery delivery, GenesysReceipts receipts, MeterRegistry meters) {
		this.tenants = tenants;
		this.conversations = conversations;
		this.ledger = ledger;
		this.routes = routes;
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
		Optional<Conversation> conversation = conversationOf(received.tenantId(), message);
		CustomerId customer = conversation.map(Conversation::customer)
			.orElseGet(() -> CustomerId.of(message.to().id()));
		switch (OutboundMapping.plan(message)) {
			case OutboundPlan.Send send -> send(tenant.get(), received, customer, conversation, send.message());
			case OutboundPlan.Typing typing -> showTyping(tenant.get(), customer, conversation);
			case OutboundPlan.Receipt receipt -> log.debug("Receipts are handled on {}", WorkChannels.GENESYS_EVENTS);
			case OutboundPlan.Ignore ignore -> log.info("Agent message of type {} not sent: {}", message.type(),
					ignore.why());
		}
	}

	/**
	 * The conversation an agent answers: the one Genesys knows by its conversation id, else the customer's latest.
	 */
	private Optional<Conversation> conversationOf(String tenantId, GenesysOutboundMessage message) {
		Optional<Conversation> known = message.conversationId() == null ? Optional.empty()
				: conversations.findByDestinationConversationId(tenantId, GENESYS, message.conversationId());
		return known.isPresent() ? known : conversations.findLatest(tenantId, message.to().id());
	}

	private void send(Tenant tenant, GenesysMessageReceived received, CustomerId customer,
			Optional<Conversation> conversation, BusinessMessage business) {
		GenesysOutboundMessage message = received.message();
		LedgerEntry entry = ledger.recordOutbound(tenant.id(), message.id(), customer, message.type(),
				message.conversationId(), message.time());
		if (entry.status() != MessageStatus.RECEIVED && entry.partsSent() == 0) {
			log.info("Agent message already {}, not sent again", entry.status());
			return;
		}
		String sent = delivery.deliver(tenant, entry, customer, conversation, business, received.receivedAt(),
				(reason, detail) -> fail(entry, reason, detail));
		if (sent != null) {
			if (message.conversationId() != null && conversation.isPresent()) {
				conversations.assignDestinationConversation(conversation.get().id(), message.conversationId());
			}
			log.info("Sent agent message to the customer as {}", sent);
		}
	}

	private void showTyping(Tenant tenant, CustomerId customer, Optional<Conversation> conversation) {
		String account = conversation.map(Conversation::channelAccount).orElse(tenant.mainAccount().address());
		ledger.lastInbound(tenant.id(), customer.value()).map(LedgerEntry::whatsappMessageId)
			.flatMap(latest -> routes.channelFor(tenant, conversation).showTyping(tenant, account, latest))
			.ifPresent(why -> log.info("Typing indicator not shown: {}", why));
	}

	private void fail(LedgerEntry entry, FailureReason reason, String detail) {
		ledger.markFailed(entry.id(), detail);
		oweFailedReceipt(entry, reason, detail);
	}

	private void oweFailedReceipt(LedgerEntry entry, FailureReason reason, String detail) {
		String code = ReceiptReasons.code(reason);
		var to = GenesysReceipts.recipient(entry.customerId());
		receipts.owe(entry, OpenInboundReceipt.failed(entry.genesysMessageId(), to, Instant.now(),
				new OpenInboundReceipt.Reason(code, detail)));
		meters.counter("switchboard.relay.messages", "direction", "outbound", "outcome", "failed").increment();
		log.warn("Agent message not delivered ({}): {}", code, detail);
	}

	@Override
	public void exhausted(GenesysMessageReceived received, String reason) {
		ledger.findByGenesysId(received.tenantId(), Direction.OUTBOUND, received.message().id())
				.ifPresent(entry -> {
					if (ledger.markGivenUp(entry.id(), reason)) {
						oweFailedReceipt(entry, FailureReason.GAVE_UP, MessageLedger.GAVE_UP + reason);
					}
				});
	}

	/**
	 * A replayed agent message the ledger shows as given up is sent again (the agent already got a {@code Failed}
	 * receipt for it, and gets {@code Delivered} if it now arrives); one WhatsApp accepted or refused is not.
	 */
	@Override
	public void replayed(GenesysMessageReceived received) {
		ledger.findByGenesysId(received.tenantId(), Direction.OUTBOUND, received.message().id())
				.ifPresent(entry -> ledger.reopenGivenUp(entry.id()));
	}
}

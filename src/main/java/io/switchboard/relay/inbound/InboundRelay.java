package io.switchboard.relay.inbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.ConversationDestination;
import io.switchboard.conversation.ConversationDestination.Delivered;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.CustomerMessage;
import io.switchboard.conversation.CustomerMessage.Content.Media;
import io.switchboard.conversation.CustomerMessage.Content.Notice;
import io.switchboard.conversation.CustomerMessage.NoticeKind;
import io.switchboard.conversation.HostedMedia;
import io.switchboard.conversation.LedgerEntry.MediaRecord;
import io.switchboard.conversation.DeliveryRefused;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.work.AcceptanceRecorder;
import io.switchboard.work.WorkChannels;
import io.switchboard.work.WorkHandler;
import io.switchboard.relay.Routes;
import io.switchboard.tenant.ChannelAccount;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.CustomerMessageMapping;
import io.switchboard.whatsapp.InboundMessage;
import io.switchboard.whatsapp.WhatsAppMessageReceived;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relays a customer's WhatsApp message to the destination handling the customer's conversation on that number (the
 * number's route for a new conversation): identifies the customer, records the message in the ledger, hands the
 * neutral message to the destination, then records the destination's ids. A customer's file is first kept in the media
 * store ({@link CustomerMedia}) and handed over as Switchboard's copy; one that cannot be kept reaches the agent as a
 * notice saying so, and the ledger shows the message failed with why. A message the ledger already shows as relayed
 * or failed is not sent again, which makes redelivered work harmless; replaying a dead letter given up sends it once
 * more.
 */
@Component
class InboundRelay implements WorkHandler<WhatsAppMessageReceived> {

	private static final Logger log = LoggerFactory.getLogger(InboundRelay.class);

	private final Tenants tenants;
	private final Conversations conversations;
	private final MessageLedger ledger;
	private final Routes routes;
	private final MeterRegistry meters;
	private final TransactionTemplate tx;
	private final AcceptanceRecorder recorder;
	private final CustomerMedia media;

	InboundRelay(Tenants tenants, Conversations conversations, MessageLedger ledger, Routes routes,
			MeterRegistry meters, TransactionTemplate tx, AcceptanceRecorder recorder, CustomerMedia media) {
		this.media = media;
		this.tx = tx;
		this.recorder = recorder;
		this.tenants = tenants;
		this.conversations = conversations;
		this.ledger = ledger;
		this.routes = routes;
		this.meters = meters;
	}

	@Override
	public String channel() {
		return WorkChannels.INBOUND_WHATSAPP_MESSAGES;
	}

	@Override
	public Class<WhatsAppMessageReceived> type() {
		return WhatsAppMessageReceived.class;
	}

	@Override
	public void handle(WhatsAppMessageReceived received) {
		relay(received, true);
	}

	/**
	 * @param fromWhatsApp whether the customer really wrote on WhatsApp, which opens the 24-hour service window; a
	 *        message a back-office system relays on the customer's behalf does not.
	 */
	void relay(WhatsAppMessageReceived received, boolean fromWhatsApp) {
		InboundMessage message = received.message();
		MDC.put("tenant", received.tenantId());
		MDC.put("wamid", message.id());
		Optional<Tenant> tenant = tenants.byId(received.tenantId());
		if (tenant.isEmpty()) {
			log.warn("Dropping inbound message: its tenant no longer exists");
			return;
		}
		CustomerMessage neutral = CustomerMessageMapping.toCustomerMessage(received);
		ChannelAccount account = tenant.get().channelAccount(received.metadata().phoneNumberId())
			.orElse(tenant.get().mainAccount());
		Recorded recorded = tx.execute(status -> {
			CustomerId customer = conversations.identify(received.tenantId(), message.from(), message.fromUserId());
			if (neutral.content() instanceof CustomerMessage.Content.Notice notice && notice.newAddress() != null) {
				conversations.link(received.tenantId(), notice.newAddress(), customer);
			}
			LedgerEntry entry = ledger.recordInbound(received.tenantId(), message.id(), customer, message.type(),
					message.timestamp());
			Conversation conversation = entry.status() != MessageStatus.RECEIVED ? null
					: conversations.customerWrote(received.tenantId(), account.address(), account.destination(),
							customer, neutral.senderName(), fromWhatsApp ? message.timestamp() : null);
			return new Recorded(entry, conversation);
		});
		LedgerEntry entry = recorded.entry();
		Conversation conversation = recorded.conversation();
		if (conversation == null) {
			log.info("Inbound message already {}, not relayed again", entry.status());
			return;
		}
		ConversationDestination destination = routes.destinationOf(conversation);
		CustomerMessage deliverable = neutral;
		String notKept = null;
		if (neutral.content() instanceof Media file) {
			try {
				HostedMedia copy = media.keep(tenant.get(), account.address(),
						routes.channelFor(tenant.get(), Optional.of(conversation)), file, entry.media());
				ledger.recordMedia(entry.id(), new MediaRecord(file.kind().name().toLowerCase(Locale.ROOT),
						copy.storeKey(), copy.size(), copy.sha256()));
				deliverable = neutral.withContent(file.hostedAs(copy));
			}
			catch (CustomerMedia.NotKept failure) {
				notKept = "The customer's " + file.kind().name().toLowerCase(Locale.ROOT)
						+ " could not be retrieved: " + failure.getMessage();
				log.warn("Media {} not kept: {}", file.reference().channelMediaId(), failure.getMessage());
				deliverable = neutral.withContent(new Notice(NoticeKind.OTHER, notKept
						+ (file.caption() == null || file.caption().isBlank() ? "" : ". Its caption: " + file.caption()),
						null));
			}
		}
		String failedMedia = notKept;
		try {
			Delivered delivered = destination.deliver(tenant.get(), conversation, deliverable);
			recorder.record(destination.name() + " accepted inbound message " + message.id(),
					() -> tx.executeWithoutResult(status -> {
						ledger.markRelayed(entry.id(), delivered.messageId(), delivered.conversationId());
						if (failedMedia != null) {
							ledger.markFailed(entry.id(), failedMedia);
						}
						if (delivered.conversationId() != null) {
							conversations.assignDestinationConversation(conversation.id(), delivered.conversationId());
						}
					}));
			meters.counter("switchboard.relay.messages", "direction", "inbound", "outcome", "relayed").increment();
			meters.timer("switchboard.relay.latency", "direction", "inbound")
					.record(Duration.between(received.receivedAt(), Instant.now()));
			log.info("Relayed inbound {} message to {} as {}", message.type(), destination.name(),
					delivered.messageId());
		}
		catch (DeliveryRefused refused) {
			recorder.record(destination.name() + " refused inbound message " + message.id(),
					() -> ledger.markFailed(entry.id(), refused.detail()));
			meters.counter("switchboard.relay.messages", "direction", "inbound", "outcome", "failed").increment();
			log.warn("{} refused the inbound message ({}): {}", destination.name(), refused.reason(), refused.detail());
		}
	}

	private record Recorded(LedgerEntry entry, @Nullable Conversation conversation) {}

	@Override
	public void exhausted(WhatsAppMessageReceived received, String reason) {
		ledger.findByWhatsAppId(received.tenantId(), received.message().id())
				.ifPresent(entry -> ledger.markGivenUp(entry.id(), reason));
		meters.counter("switchboard.relay.messages", "direction", "inbound", "outcome", "failed").increment();
	}

	/**
	 * A replayed message the ledger shows as given up is relayed again; one Genesys accepted or refused is not.
	 */
	@Override
	public void replayed(WhatsAppMessageReceived received) {
		ledger.findByWhatsAppId(received.tenantId(), received.message().id())
				.ifPresent(entry -> ledger.reopenGivenUp(entry.id()));
	}
}

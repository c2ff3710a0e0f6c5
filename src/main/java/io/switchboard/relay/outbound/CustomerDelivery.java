package io.switchboard.relay.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.conversation.ConversationMapping;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.platform.AcceptanceRecorder;
import io.switchboard.platform.RetryLater;
import io.switchboard.relay.RelaySettings;
import io.switchboard.tenant.Tenant;
import io.switchboard.whatsapp.OutboundMessage;
import io.switchboard.whatsapp.WhatsAppSendAccepted;
import io.switchboard.whatsapp.WhatsAppSendFailed;
import io.switchboard.whatsapp.WhatsAppSender;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sends a recorded outbound message to the customer, whoever asked for it (an agent in Genesys, a back-office system
 * through the API): the rules WhatsApp imposes are applied here, once. A message to a customer who never wrote, or
 * outside the 24-hour service window, is not sent; WhatsApp's refusals are classified; throughput trouble asks for a
 * later attempt. Failures go to the caller's {@link Failure}, which records them where its requester looks.
 */
@Component
class CustomerDelivery {

	private final MessageLedger ledger;
	private final WhatsAppSender whatsapp;
	private final RelaySettings settings;
	private final MeterRegistry meters;
	private final AcceptanceRecorder recorder;

	CustomerDelivery(MessageLedger ledger, WhatsAppSender whatsapp, RelaySettings settings, MeterRegistry meters,
			AcceptanceRecorder recorder) {
		this.recorder = recorder;
		this.ledger = ledger;
		this.whatsapp = whatsapp;
		this.settings = settings;
		this.meters = meters;
	}

	/**
	 * What to do when a message cannot be delivered.
	 */
	@FunctionalInterface
	interface Failure {

		/**
		 * @param reasonCode the Genesys receipt reason code that fits ({@code MessageExpired}, ...).
		 * @param reason a sentence for the ledger.
		 */
		void failed(String reasonCode, String reason);
	}

	/**
	 * @return why a free-form message may not be sent to this customer now, or empty if it may.
	 */
	Optional<Refusal> refusal(Optional<ConversationMapping> mapping, String customerId) {
		if (mapping.isEmpty()) {
			return Optional.of(new Refusal("InvalidDestination", "Unknown recipient: " + customerId
					+ " has never written to this tenant's WhatsApp number"));
		}
		Instant lastInbound = mapping.get().lastInboundAt();
		if (lastInbound == null || lastInbound.plus(settings.serviceWindow()).isBefore(Instant.now())) {
			return Optional.of(new Refusal("MessageExpired", "Outside WhatsApp's 24-hour customer service window: "
					+ "the customer last wrote " + (lastInbound == null ? "never" : "at " + lastInbound)
					+ "; only a template may be sent"));
		}
		return Optional.empty();
	}

	/**
	 * Sends the parts of a message not yet accepted (all of them but on a retry after a partial send), recording each
	 * acceptance before the next part, and records the wamid of the first.
	 *
	 * @return the wamid, or {@literal null} when the message was not sent (the failure was reported).
	 * @throws RetryLater when WhatsApp's throughput or transient trouble outlasted the sender's own retries.
	 */
	@Nullable
	String deliver(Tenant tenant, LedgerEntry entry, Optional<ConversationMapping> mapping,
			List<OutboundMessage> parts, Instant requestedAt, Failure failure) {
		Optional<Refusal> refusal = refusal(mapping, entry.customerId());
		if (refusal.isPresent()) {
			failure.failed(refusal.get().reasonCode(), refusal.get().reason());
			return null;
		}
		try {
			String first = entry.partsSent() > 0 ? entry.whatsappMessageId() : null;
			for (int part = entry.partsSent(); part < parts.size(); part++) {
				WhatsAppSendAccepted accepted = whatsapp.send(tenant, parts.get(part));
				first = first == null ? accepted.wamid() : first;
				if (part + 1 < parts.size()) {
					int sent = part + 1;
					String wamid = first;
					recorder.record("WhatsApp accepted part " + sent + " of " + entry.genesysMessageId(),
							() -> ledger.markPartsSent(entry.id(), sent, wamid));
				}
			}
			String wamid = first;
			recorder.record("WhatsApp accepted " + wamid, () -> ledger.markSent(entry.id(), wamid));
			meters.counter("switchboard.relay.messages", "direction", "outbound", "outcome", "relayed").increment();
			meters.timer("switchboard.relay.latency", "direction", "outbound")
					.record(Duration.between(requestedAt, Instant.now()));
			return wamid;
		}
		catch (WhatsAppSendFailed failed) {
			if (failed.kind() == WhatsAppSendFailed.Kind.RETRY_LATER) {
				throw new RetryLater(failed.reason(), failed.retryAfter());
			}
			failure.failed(ReceiptMapping.reasonCode(failed.code()), failed.reason());
			return null;
		}
	}

	/**
	 * Why a message may not be sent.
	 *
	 * @param reasonCode the Genesys receipt reason code that fits.
	 * @param reason a sentence for the requester.
	 */
	record Refusal(String reasonCode, String reason) {}
}

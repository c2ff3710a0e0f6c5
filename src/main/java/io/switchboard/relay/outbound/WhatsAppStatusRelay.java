package io.switchboard.relay.outbound;

import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.platform.WorkChannels;
import io.switchboard.platform.WorkHandler;
import io.switchboard.whatsapp.WhatsAppError;
import io.switchboard.whatsapp.WhatsAppStatusReceived;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Applies WhatsApp's delivery statuses to the message ledger, forward only: a {@code delivered} arriving after
 * {@code read} changes nothing.
 */
@Component
class WhatsAppStatusRelay implements WorkHandler<WhatsAppStatusReceived> {

	private static final Logger log = LoggerFactory.getLogger(WhatsAppStatusRelay.class);

	private final MessageLedger ledger;

	WhatsAppStatusRelay(MessageLedger ledger) {
		this.ledger = ledger;
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
		MDC.put("tenant", received.tenantId());
		MDC.put("wamid", status.id());
		Optional<MessageStatus> mapped = StatusMapping.toLedger(status.status());
		if (mapped.isEmpty()) {
			log.info("Ignoring WhatsApp status '{}'", status.status());
			return;
		}
		String reason = status.errors().stream().findFirst().map(StatusMapping::describe).orElse(null);
		ledger.findByWhatsAppId(received.tenantId(), status.id()).ifPresent(entry -> {
			boolean moved = ledger.applyStatus(entry.id(), mapped.get(), reason);
			log.debug("WhatsApp status {} {}", status.status(), moved ? "applied" : "changed nothing");
		});
	}

	/**
	 * How WhatsApp's statuses and errors read in the ledger.
	 */
	static final class StatusMapping {

		private StatusMapping() {}

		static Optional<MessageStatus> toLedger(String whatsappStatus) {
			return Optional.ofNullable(switch (whatsappStatus) {
				case "sent" -> MessageStatus.SENT;
				case "delivered" -> MessageStatus.DELIVERED;
				case "read", "played" -> MessageStatus.READ;
				case "failed" -> MessageStatus.FAILED;
				default -> null;
			});
		}

		/**
		 * @return {@code WhatsApp error <code>: <details | message | title>}.
		 */
		static String describe(WhatsAppError error) {
			String text = error.details() != null ? error.details()
					: error.message() != null ? error.message() : error.title();
			return "WhatsApp error " + error.code() + (text == null ? "" : ": " + text);
		}
	}
}

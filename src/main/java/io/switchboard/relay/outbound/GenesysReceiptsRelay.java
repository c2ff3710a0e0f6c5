package io.switchboard.relay.outbound;

import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.Direction;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.genesys.GenesysMessageReceived;
import io.switchboard.genesys.GenesysOutboundMessage;
import io.switchboard.work.WorkChannels;
import io.switchboard.work.WorkHandler;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Applies Genesys's receipts for customers' messages ({@code genesys-events}) to the ledger: {@code Delivered} marks
 * a relayed message delivered to the agent, {@code Failed} marks it failed with Genesys's reasons. Nothing reaches
 * the customer.
 */
@Component
class GenesysReceiptsRelay implements WorkHandler<GenesysMessageReceived> {

	private static final Logger log = LoggerFactory.getLogger(GenesysReceiptsRelay.class);

	private final MessageLedger ledger;

	GenesysReceiptsRelay(MessageLedger ledger) {
		this.ledger = ledger;
	}

	@Override
	public String channel() {
		return WorkChannels.GENESYS_EVENTS;
	}

	@Override
	public Class<GenesysMessageReceived> type() {
		return GenesysMessageReceived.class;
	}

	@Override
	public void handle(GenesysMessageReceived received) {
		GenesysOutboundMessage receipt = received.message();
		MDC.put("tenant", received.tenantId());
		MDC.put("genesysMessageId", receipt.id());
		MessageStatus status = switch (String.valueOf(receipt.status())) {
			case "Delivered" -> MessageStatus.DELIVERED;
			case "Read" -> MessageStatus.READ;
			case "Failed" -> MessageStatus.FAILED;
			default -> null;
		};
		if (status == null) {
			log.debug("Genesys receipt '{}' changes nothing", receipt.status());
			return;
		}
		String reason = receipt.reasons().isEmpty() ? null : "Genesys: " + receipt.reasons().stream()
				.map(r -> r.code() + (r.message() == null ? "" : " (" + r.message() + ")"))
				.collect(Collectors.joining("; "));
		ledger.findByGenesysId(received.tenantId(), Direction.INBOUND, receipt.id()).ifPresentOrElse(
				entry -> ledger.applyStatus(entry.id(), status, reason),
				() -> log.info("Genesys receipt {} for a message not in the ledger", receipt.status()));
		if (status == MessageStatus.FAILED) {
			log.warn("Genesys reports a customer message failed: {}", reason);
		}
	}
}

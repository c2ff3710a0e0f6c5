package io.switchboard.genesys;

import io.switchboard.conversation.ConversationDestination;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.CustomerMessage;
import io.switchboard.conversation.DeliveryRefused;
import io.switchboard.conversation.Direction;
import io.switchboard.conversation.FailureReason;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.work.RetryLater;
import io.switchboard.tenant.Tenant;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Genesys Cloud Open Messaging as a destination: a customer's message becomes an {@code inbound/open/message} of the
 * tenant's integration ({@link InboundMapping}), and Genesys's answers become the core's: accepted with its message
 * and conversation ids, refused for good ({@link GenesysRejected}), or unavailable for now
 * ({@link GenesysUnavailable}). The statuses of agents' messages become the receipts Genesys is owed
 * ({@link ReceiptMapping}, {@link GenesysReceipts}).
 */
@Component
class GenesysDestination implements ConversationDestination {

	/** The destination's name in routes and the ledger. */
	static final String NAME = "genesys";

	private static final Logger log = LoggerFactory.getLogger(GenesysDestination.class);

	private final GenesysClient genesys;
	private final MessageLedger ledger;
	private final GenesysReceipts receipts;

	GenesysDestination(GenesysClient genesys, MessageLedger ledger, GenesysReceipts receipts) {
		this.genesys = genesys;
		this.ledger = ledger;
		this.receipts = receipts;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Delivered deliver(Tenant tenant, Conversation conversation, CustomerMessage message) {
		try {
			OpenInboundMessage body = InboundMapping.toGenesys(message, conversation.customer());
			GenesysMessageAccepted accepted;
			try {
				accepted = genesys.sendInboundMessage(tenant, body);
			}
			catch (GenesysRejected rejected) {
				if (body.content() == null || !refusesTheFile(rejected)) {
					throw rejected;
				}
				log.info("Genesys refused the customer's file ({}); sending a notice with a link instead",
						rejected.reason());
				accepted = genesys.sendInboundMessage(tenant, InboundMapping.withLink(message, conversation.customer()));
			}
			return new Delivered(accepted.messageId(), accepted.conversationId());
		}
		catch (GenesysRejected rejected) {
			log.warn("Genesys refused the inbound message ({}, contextId {})", rejected.reason(), rejected.contextId());
			throw new DeliveryRefused(reason(rejected.status()), rejected.reason());
		}
		catch (GenesysUnavailable unavailable) {
			throw new RetryLater("Genesys unavailable: " + unavailable.getMessage(), unavailable.retryAfter());
		}
	}

	/**
	 * Owes Genesys the receipt for an agent's message that the status calls for, unless it is owed already; messages
	 * Genesys did not send (asked through the API) get none.
	 */
	@Override
	public void statusChanged(Tenant tenant, @Nullable Conversation conversation, StatusChange change) {
		ledger.find(tenant.id(), change.ledgerEntryId())
			.filter(entry -> entry.direction() == Direction.OUTBOUND && entry.genesysMessageId() != null)
			.ifPresent(entry -> oweReceipt(entry, change));
	}

	private void oweReceipt(LedgerEntry entry, StatusChange change) {
		String genesysMessageId = Objects.requireNonNull(entry.genesysMessageId());
		ReceiptMapping.receiptFor(change, genesysMessageId, GenesysReceipts.recipient(entry.customerId()),
				ReceiptMapping.owed(entry.genesysReceipt()))
			.ifPresent(receipt -> receipts.owe(entry, receipt));
	}

	/**
	 * @return whether Genesys refused an attachment for what it is (its type or size), not the message as such.
	 */
	private static boolean refusesTheFile(GenesysRejected rejected) {
		String said = (rejected.code() + " " + rejected.reason()).toLowerCase(Locale.ROOT);
		return rejected.status() == 413 || said.contains("mediatypenotallowed") || said.contains("media type")
				|| said.contains("invalidmediacontentlength") || said.contains("content length")
				|| said.contains("attachment");
	}

	static FailureReason reason(int status) {
		return switch (status) {
			case 400, 413, 422 -> FailureReason.INVALID_CONTENT;
			case 401, 403 -> FailureReason.NOT_ALLOWED;
			default -> FailureReason.OTHER;
		};
	}
}

package io.switchboard.genesys;

import io.switchboard.conversation.ConversationDestination;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.CustomerMessage;
import io.switchboard.conversation.DeliveryRefused;
import io.switchboard.conversation.FailureReason;
import io.switchboard.work.RetryLater;
import io.switchboard.tenant.Tenant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Genesys Cloud Open Messaging as a destination: a customer's message becomes an {@code inbound/open/message} of the
 * tenant's integration ({@link InboundMapping}), and Genesys's answers become the core's: accepted with its message
 * and conversation ids, refused for good ({@link GenesysRejected}), or unavailable for now ({@link GenesysUnavailable}).
 */
@Component
class GenesysDestination implements ConversationDestination {

	/** The destination's name in routes and the ledger. */
	static final String NAME = "genesys";

	private static final Logger log = LoggerFactory.getLogger(GenesysDestination.class);

	private final GenesysClient genesys;

	GenesysDestination(GenesysClient genesys) {
		this.genesys = genesys;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Delivered deliver(Tenant tenant, Conversation conversation, CustomerMessage message) {
		try {
			GenesysMessageAccepted accepted = genesys.sendInboundMessage(tenant,
					InboundMapping.toGenesys(message, conversation.customer()));
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

	static FailureReason reason(int status) {
		return switch (status) {
			case 400, 413, 422 -> FailureReason.INVALID_CONTENT;
			case 401, 403 -> FailureReason.NOT_ALLOWED;
			default -> FailureReason.OTHER;
		};
	}
}

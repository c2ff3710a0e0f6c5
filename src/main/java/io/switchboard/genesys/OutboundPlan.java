package io.switchboard.genesys;

import io.switchboard.conversation.BusinessMessage;

import java.util.Objects;

/**
 * What to do with a message Genesys posted to the outbound webhook.
 */
public sealed interface OutboundPlan {

	/**
	 * Send this message to the customer.
	 *
	 * @param message must not be {@literal null}.
	 */
	record Send(BusinessMessage message) implements OutboundPlan {

		public Send {
			Objects.requireNonNull(message, "message must not be null");
		}
	}

	/**
	 * An agent is typing: the customer's channel may show it.
	 */
	record Typing() implements OutboundPlan {}

	/**
	 * Genesys reports on a message Switchboard sent in; it concerns the ledger only, never the customer.
	 */
	record Receipt() implements OutboundPlan {}

	/**
	 * Nothing to send.
	 *
	 * @param why for the log; must not be {@literal null}.
	 */
	record Ignore(String why) implements OutboundPlan {

		public Ignore {
			Objects.requireNonNull(why, "reason must not be null");
		}
	}
}

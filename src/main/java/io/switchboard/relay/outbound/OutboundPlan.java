package io.switchboard.relay.outbound;

import io.switchboard.whatsapp.OutboundMessage;

import java.util.List;
import java.util.Objects;

/**
 * What to do with a message Genesys posted to the outbound webhook.
 */
public sealed interface OutboundPlan {

	/**
	 * Send these messages to the customer, in order.
	 *
	 * @param messages at least one; must not be {@literal null}.
	 */
	record Send(List<OutboundMessage> messages) implements OutboundPlan {

		public Send {
			messages = List.copyOf(messages);
			if (messages.isEmpty()) {
				throw new IllegalArgumentException("a send takes at least one message");
			}
		}
	}

	/**
	 * An agent is typing: WhatsApp can show it by marking the customer's latest message read with a typing indicator.
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

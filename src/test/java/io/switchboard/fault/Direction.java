package io.switchboard.fault;

/**
 * The two ways messages travel through the relay.
 */
enum Direction {

	/** A customer's WhatsApp message: a signed Meta webhook to the edge, relayed to Genesys. */
	INBOUND("customer → agent (Meta webhook → Genesys)"),

	/** An agent's reply: a signed Genesys webhook to the edge, sent through the Graph API. */
	OUTBOUND("agent → customer (Genesys webhook → Graph API)");

	private final String label;

	Direction(String label) {
		this.label = label;
	}

	String label() {
		return label;
	}
}

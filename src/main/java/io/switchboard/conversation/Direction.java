package io.switchboard.conversation;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which way a message travels: from the customer towards the business, or from the business to the customer.
 */
public enum Direction {

	/** Customer to business (a channel's message, handed to a destination). */
	INBOUND("inbound"),

	/** Business to customer (a destination's or the API's message, sent on a channel). */
	OUTBOUND("outbound");

	private final String value;

	Direction(String value) {
		this.value = value;
	}

	/**
	 * @return how the ledger and the API write it.
	 */
	@JsonValue
	public String value() {
		return value;
	}

	/**
	 * @throws IllegalArgumentException for anything but {@code inbound} and {@code outbound}.
	 */
	public static Direction of(String value) {
		for (Direction direction : values()) {
			if (direction.value.equals(value)) {
				return direction;
			}
		}
		throw new IllegalArgumentException("unknown direction '" + value + "'");
	}
}

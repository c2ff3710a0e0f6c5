package io.switchboard.tenant;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One of a tenant's numbers on a customer channel, and its route: the destination new conversations on it go to.
 *
 * @param channel the customer channel's name ({@code whatsapp}).
 * @param address the number's id on the channel (a WhatsApp {@code phone_number_id}); webhooks are routed by it.
 * @param displayAddress the number as customers see it.
 * @param destination the name of the destination new conversations on this number go to ({@code genesys}).
 */
public record ChannelAccount(String channel, String address, @Nullable String displayAddress, String destination) {

	/** The channel of WhatsApp numbers. */
	public static final String WHATSAPP = "whatsapp";

	/** Where a number's conversations go unless its declaration says otherwise. */
	public static final String DEFAULT_DESTINATION = "genesys";

	public ChannelAccount {
		Objects.requireNonNull(channel, "channel must not be null");
		Objects.requireNonNull(address, "address must not be null");
		destination = destination == null || destination.isBlank() ? DEFAULT_DESTINATION : destination;
	}

	/**
	 * @return a WhatsApp number routed to {@code destination} ({@link #DEFAULT_DESTINATION} if blank).
	 */
	public static ChannelAccount whatsapp(String phoneNumberId, @Nullable String displayPhoneNumber,
			@Nullable String destination) {
		return new ChannelAccount(WHATSAPP, phoneNumberId, displayPhoneNumber, destination);
	}
}

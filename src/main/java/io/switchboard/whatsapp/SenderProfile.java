package io.switchboard.whatsapp;

import org.jspecify.annotations.Nullable;

/**
 * A customer as a webhook describes them ({@code value.contacts[]}). Customers who hide their number come without
 * {@code waId}, with a business-scoped user id (BSUID) only.
 *
 * @param waId the phone number digits.
 * @param userId the BSUID, {@code CC.<alnum>}.
 * @param parentUserId the BSUID shared across a managed business's portfolios; never a customer's id.
 * @param name the profile name.
 * @param username the WhatsApp username, {@code @...}.
 */
public record SenderProfile(@Nullable String waId, @Nullable String userId, @Nullable String parentUserId,
		@Nullable String name, @Nullable String username) {}

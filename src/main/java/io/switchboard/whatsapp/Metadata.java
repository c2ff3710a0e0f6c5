package io.switchboard.whatsapp;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The business phone number a change is about ({@code value.metadata}). Tenants are routed by
 * {@link #phoneNumberId()}.
 *
 * @param phoneNumberId must not be {@literal null}.
 * @param displayPhoneNumber the number as humans read it.
 */
public record Metadata(String phoneNumberId, @Nullable String displayPhoneNumber) {

	public Metadata {
		Objects.requireNonNull(phoneNumberId, "phone number id must not be null");
	}
}

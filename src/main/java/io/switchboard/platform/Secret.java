package io.switchboard.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential held in memory. Its {@link #toString()} never shows the value, so a secret can sit in records and log
 * statements without leaking; {@link #reveal()} is the one explicit way to read it.
 */
public final class Secret {

	private static final String MASK = "******";

	private final String value;

	private Secret(String value) {
		this.value = value;
	}

	/**
	 * @param value must not be {@literal null}.
	 */
	public static Secret of(String value) {
		return new Secret(Objects.requireNonNull(value, "secret value must not be null"));
	}

	/**
	 * @return the secret value; callers must not log or return it.
	 */
	public String reveal() {
		return value;
	}

	public byte[] bytes() {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	public boolean isBlank() {
		return value.isBlank();
	}

	/**
	 * Refuses a credential too weak to protect anything, naming the setting it came from.
	 *
	 * @param minLength the fewest characters accepted.
	 * @param property the setting, e.g. {@code switchboard.tenants[0].api-key}; named in the failure.
	 * @return this secret.
	 * @throws IllegalArgumentException if the value is blank or shorter than {@code minLength}; the message never
	 *         shows the value.
	 */
	public Secret requireLength(int minLength, String property) {
		if (value.isBlank()) {
			throw new IllegalArgumentException(property + " must not be blank");
		}
		if (value.strip().length() < minLength) {
			throw new IllegalArgumentException(property + " must be at least " + minLength + " characters long, was "
					+ value.strip().length());
		}
		return this;
	}

	/**
	 * Compares with a presented value in constant time.
	 */
	public boolean matches(String presented) {
		return presented != null
				&& MessageDigest.isEqual(bytes(), presented.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Secret secret && MessageDigest.isEqual(bytes(), secret.bytes());
	}

	@Override
	public int hashCode() {
		return value.hashCode();
	}

	@Override
	public String toString() {
		return MASK;
	}
}

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

package io.switchboard.relay;

import io.switchboard.platform.web.ProblemException;
import io.switchboard.platform.web.ProblemType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the relay's REST API shares besides its request constraints ({@link CustomerIdentifier}, {@link MessageText},
 * {@link IdempotencyKey}): idempotency keys and the fingerprints that tell a retry from a different request under the
 * same key.
 */
public final class ApiRequests {

	private static final Pattern SHOWN_KEY = Pattern.compile("[A-Za-z0-9._:~+/=-]{1,100}");
	private static final HexFormat HEX = HexFormat.of();

	private ApiRequests() {}

	/**
	 * @return the caller's idempotency key ({@link IdempotencyKey}), or a fresh one when it gave none.
	 */
	public static String idempotencyKey(@Nullable String header) {
		return header == null ? UUID.randomUUID().toString() : header;
	}

	/**
	 * The fingerprint of an API request: SHA-256 over its tenant, its operation and the fields that decide what is
	 * sent, each length-prefixed so that no two different requests share a canonical form. Whitespace, the order of
	 * the JSON object's keys and fields that change nothing do not count.
	 *
	 * @param operation names the endpoint, e.g. {@code whatsapp/send/text}.
	 * @param fields the values that matter, in a fixed order; {@literal null} is distinct from every string.
	 * @return 64 lowercase hex digits.
	 */
	public static String fingerprint(String tenantId, String operation, @Nullable String... fields) {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is not available", e);
		}
		feed(sha256, tenantId);
		feed(sha256, operation);
		for (String field : fields) {
			feed(sha256, field);
		}
		return HEX.formatHex(sha256.digest());
	}

	private static void feed(MessageDigest digest, @Nullable String value) {
		if (value == null) {
			digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
		digest.update(bytes);
	}

	/**
	 * The refusal of an idempotency key that came back with a different request: 422 {@code idempotency-key-reused}.
	 * The key is quoted only when it is short and plain (letters, digits, {@code ._:~+/=-}), so the answer never
	 * echoes arbitrary text.
	 *
	 * @param name what carried the key, e.g. {@code Idempotency-Key}.
	 */
	public static ProblemException keyReused(String name, String key) {
		String which = SHOWN_KEY.matcher(key).matches() ? name + " '" + key + "'" : "This " + name;
		return new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, which
				+ " was used for a different request. Nothing was sent: repeat the first request unchanged to retry "
				+ "it, or use a new key for a new message.");
	}
}

package io.switchboard.relay;

import io.switchboard.platform.Identifiers;
import io.switchboard.platform.web.Problems;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Checks shared by the relay's REST API: recipient ids, texts, idempotency keys and the fingerprints that tell a
 * retry from a different request under the same key.
 */
public final class ApiRequests {

	private static final Pattern PHONE = Pattern.compile("\\d{6,15}");
	private static final Pattern BSUID = Pattern.compile("[A-Z]{2}\\.[A-Za-z0-9.]{1,150}");
	private static final int MAX_TEXT = 4096;
	private static final int MAX_KEY = 200;
	private static final Pattern SHOWN_KEY = Pattern.compile("[A-Za-z0-9._:~+/=-]{1,100}");
	private static final HexFormat HEX = HexFormat.of();

	private ApiRequests() {}

	/**
	 * @return a problem for an id that is neither wa_id digits nor a BSUID, or {@literal null}.
	 */
	public static @Nullable String invalidCustomerId(@Nullable String id, String field) {
		return id != null && (PHONE.matcher(id).matches() || BSUID.matcher(id).matches()) ? null
				: field + " must be a WhatsApp number in digits without '+' (6 to 15 digits) or a BSUID such as "
						+ "'US.13491208655302741918'";
	}

	/**
	 * @return a problem for a missing, blank or too long text, or {@literal null}.
	 */
	public static @Nullable String invalidText(@Nullable String text, String field) {
		return text != null && !text.isBlank() && text.length() <= MAX_TEXT ? null
				: field + " must be a non-blank text of at most " + MAX_TEXT + " characters";
	}

	/**
	 * @return a problem for an id the caller gave (it may leave it out) that is blank or longer than
	 *         {@link Identifiers#MAX_LENGTH}, or {@literal null}.
	 */
	public static @Nullable String invalidGivenId(@Nullable String id, String field) {
		return id == null || Identifiers.isValid(id) ? null
				: field + " must be 1 to " + Identifiers.MAX_LENGTH + " characters";
	}

	/**
	 * @return a problem for an id longer than {@link Identifiers#MAX_LENGTH}, or {@literal null}.
	 */
	public static @Nullable String tooLongId(@Nullable String id, String field) {
		return id == null || id.length() <= Identifiers.MAX_LENGTH ? null
				: field + " must be at most " + Identifiers.MAX_LENGTH + " characters";
	}

	/**
	 * @return the caller's idempotency key, or a fresh one when it gave none.
	 * @throws IllegalArgumentException for a blank or too long key.
	 */
	public static String idempotencyKey(@Nullable String header) {
		if (header == null) {
			return UUID.randomUUID().toString();
		}
		if (header.isBlank() || header.length() > MAX_KEY) {
			throw new IllegalArgumentException("Idempotency-Key must be 1 to " + MAX_KEY + " characters");
		}
		return header;
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
	 * The answer to an idempotency key that came back with a different request: 422 {@code idempotency-key-reused}.
	 * The key is quoted only when it is short and plain (letters, digits, {@code ._:~+/=-}), so the answer never
	 * echoes arbitrary text.
	 *
	 * @param name what carried the key, e.g. {@code Idempotency-Key}.
	 */
	public static ResponseEntity<ProblemDetail> keyReused(String name, String key) {
		String which = SHOWN_KEY.matcher(key).matches() ? name + " '" + key + "'" : "This " + name;
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", which
				+ " was used for a different request. Nothing was sent: repeat the first request unchanged to retry "
				+ "it, or use a new key for a new message.");
	}

	public static ResponseEntity<ProblemDetail> invalid(String detail) {
		return ResponseEntity.badRequest().body(Problems.of("invalid-request", HttpStatus.BAD_REQUEST, detail));
	}

	public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail) {
		return ResponseEntity.status(status).body(Problems.of(type, status, detail));
	}
}

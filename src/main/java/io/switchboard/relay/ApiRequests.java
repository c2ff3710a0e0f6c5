package io.switchboard.relay;

import io.switchboard.platform.Identifiers;
import io.switchboard.platform.web.Problems;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Checks shared by the relay's REST API: recipient ids, texts and idempotency keys.
 */
public final class ApiRequests {

	private static final Pattern PHONE = Pattern.compile("\\d{6,15}");
	private static final Pattern BSUID = Pattern.compile("[A-Z]{2}\\.[A-Za-z0-9.]{1,150}");
	private static final int MAX_TEXT = 4096;
	private static final int MAX_KEY = 200;

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

	public static ResponseEntity<ProblemDetail> invalid(String detail) {
		return ResponseEntity.badRequest().body(Problems.of("invalid-request", HttpStatus.BAD_REQUEST, detail));
	}

	public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail) {
		return ResponseEntity.status(status).body(Problems.of(type, status, detail));
	}
}

package io.switchboard.whatsapp.client;

import io.switchboard.whatsapp.WhatsAppSendFailed;
import io.switchboard.whatsapp.WhatsAppSendFailed.Kind;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * A failed Cloud API request as far as it could be read: the Graph error
 * ({@code {"error":{"message","type","code","error_subcode","error_data":{"details"},"fbtrace_id"}}}) and the HTTP
 * status it came with. It is classified by {@code error.code}; the HTTP status only counts when WhatsApp gave no code
 * (a proxy's 502, a bare 401), and the message text never does.
 *
 * @param status the HTTP status; {@literal 0} when WhatsApp did not answer.
 * @param code the Graph error code, {@literal null} when there was none.
 * @param subcode the legacy {@code error_subcode}, if any.
 * @param message WhatsApp's {@code error.message}, or a description of what happened; never a secret.
 * @param details {@code error_data.details}, if any.
 * @param fbtraceId Meta's trace id ({@code fbtrace_id} or the {@code x-fb-trace-id} header), for support cases.
 * @param retryAfter a {@code Retry-After} the answer carried.
 */
record GraphError(int status, @Nullable Integer code, @Nullable Integer subcode, String message,
		@Nullable String details, @Nullable String fbtraceId, @Nullable Duration retryAfter) {

	static final int MAX_MESSAGE = 300;
	static final int MAX_DETAILS = 1_000;

	/** The pair rate limit: too many messages to one customer in a short time. */
	static final int PAIR_RATE_LIMIT = 131056;

	/** Throughput, call-rate and transient codes worth repeating after a short backoff. */
	static final Set<Integer> TRANSIENT = Set.of(130429, 131000, 131016, 1, 2, 133004, 131057, 4, 80007);

	/** Codes whose trouble lasts minutes rather than seconds (app and WABA call limits, account maintenance). */
	static final Set<Integer> SLOW = Set.of(4, 80007, 131057);

	static final Set<Integer> UNDELIVERABLE = Set.of(131026, 131021, 131030);

	static final Set<Integer> INVALID = Set.of(100, 131008, 131009, 131051, 131053, 33);

	static final Set<Integer> CREDENTIALS = Set.of(190, 0);

	/**
	 * Reads an error answer.
	 *
	 * @param body the parsed answer, a missing node if it was not JSON.
	 * @param secret a value that must not appear in the result (the access token), in case an answer echoes it.
	 */
	static GraphError of(int status, JsonNode body, @Nullable String traceHeader, @Nullable Duration retryAfter,
			String operation, String secret) {
		JsonNode error = body.path("error");
		JsonNode code = error.path("code");
		JsonNode subcode = error.path("error_subcode");
		String message = text(error, "message");
		String trace = text(error, "fbtrace_id");
		return new GraphError(status, code.isIntegralNumber() && code.canConvertToInt() ? code.intValue() : null,
				subcode.isIntegralNumber() && subcode.canConvertToInt() ? subcode.intValue() : null,
				clean(message == null ? "WhatsApp answered " + status + " to " + operation : message, MAX_MESSAGE,
						secret),
				cleanOrNull(text(error.path("error_data"), "details"), MAX_DETAILS, secret),
				trace != null ? trace : traceHeader, retryAfter);
	}

	/**
	 * A request WhatsApp did not answer (connection refused, time-out, broken connection).
	 */
	static GraphError unanswered(String operation, Exception cause) {
		return new GraphError(0, null, null, "WhatsApp did not answer " + operation + " ("
				+ cause.getClass().getSimpleName() + ")", null, null, null);
	}

	/**
	 * @return the Graph code, {@literal 0} when there was none.
	 */
	int codeOrZero() {
		return code == null ? 0 : code;
	}

	boolean pairRateLimited() {
		return code != null && code == PAIR_RATE_LIMIT;
	}

	/**
	 * @return whether the request is worth repeating after a short backoff: transient codes, and HTTP 408, 429, 5xx or
	 *         no answer at all when WhatsApp gave no code.
	 */
	boolean transientTrouble() {
		if (code != null) {
			return TRANSIENT.contains(code);
		}
		return status == 0 || status == 408 || status == 429 || status >= 500;
	}

	/**
	 * @return what the failure means for the caller.
	 */
	Kind kind() {
		if (code == null) {
			if (status == 401) {
				return Kind.CREDENTIALS;
			}
			return transientTrouble() ? Kind.RETRY_LATER : Kind.REFUSED;
		}
		int c = code;
		if (TRANSIENT.contains(c) || c == PAIR_RATE_LIMIT) {
			return Kind.RETRY_LATER;
		}
		if (c == 131047) {
			return Kind.WINDOW_CLOSED;
		}
		if (UNDELIVERABLE.contains(c)) {
			return Kind.UNDELIVERABLE;
		}
		if (INVALID.contains(c) || (c >= 132000 && c <= 132016)) {
			return Kind.INVALID_REQUEST;
		}
		if (CREDENTIALS.contains(c)) {
			return Kind.CREDENTIALS;
		}
		return Kind.REFUSED;
	}

	/**
	 * @return how long a caller should wait at least before trying again once the sender's own retries ran out: the
	 *         {@code Retry-After}, at least a minute for trouble that lasts minutes, or {@literal null} when WhatsApp
	 *         gave no hint and the caller's own backoff applies.
	 */
	@Nullable Duration retryLater() {
		Duration hint = code != null && SLOW.contains(code) ? Duration.ofMinutes(1) : null;
		if (retryAfter == null) {
			return hint;
		}
		return hint != null && hint.compareTo(retryAfter) > 0 ? hint : retryAfter;
	}

	WhatsAppSendFailed toFailure(Kind kind, @Nullable Duration retryAfter) {
		return new WhatsAppSendFailed(kind, codeOrZero(), message, details, retryAfter);
	}

	/**
	 * @return the code and trace id, for logs.
	 */
	String describe() {
		return (code == null ? (status == 0 ? "no answer" : "HTTP " + status + " without an error code")
				: "error " + code + (subcode == null ? "" : " (subcode " + subcode + ")"))
				+ (fbtraceId == null ? "" : ", fbtrace_id " + fbtraceId);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
	}

	private static @Nullable String cleanOrNull(@Nullable String text, int max, String secret) {
		return text == null ? null : clean(text, max, secret);
	}

	private static String clean(String text, int max, String secret) {
		String cleaned = text.replaceAll("\\s+", " ").strip();
		if (!secret.isBlank()) {
			cleaned = cleaned.replace(secret, "******");
		}
		return cleaned.length() > max ? cleaned.substring(0, max - 1) + "…" : cleaned;
	}
}

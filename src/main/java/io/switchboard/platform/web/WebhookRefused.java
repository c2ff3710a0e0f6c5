package io.switchboard.platform.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A webhook that was not taken in: a body {@link WebhookBodies} did not read (too large, over the in-flight budget, too
 * slow or cut off), a signature that does not verify ({@link #invalidSignature(String)}) or a verified body with
 * nothing Switchboard can take ({@link #invalidWebhook(String)}). Carries the answer as a problem detail; nothing was
 * stored.
 */
public final class WebhookRefused extends Exception {

	/**
	 * The one sentence every signature refusal of every webhook answers with, whatever the reason: a missing or
	 * malformed header, an addressee no active tenant owns, a wrong secret. The reason is logged, never answered.
	 */
	public static final String INVALID_SIGNATURE = "X-Hub-Signature-256 is missing or does not match the body.";

	/**
	 * The detail of a verified body refused because an object in it gives a key twice.
	 */
	public static final String DUPLICATE_KEY = "An object in the body gives the same key twice; every key may appear "
			+ "once, so that the body means one thing to every reader. Nothing was stored.";

	private final String outcome;
	private final HttpStatus status;
	private final String type;
	private final @Nullable Duration retryAfter;

	WebhookRefused(String outcome, HttpStatus status, String type, String detail, @Nullable Duration retryAfter) {
		super(detail, null, false, false);
		this.outcome = outcome;
		this.status = status;
		this.type = type;
		this.retryAfter = retryAfter;
	}

	/**
	 * A signature refusal: 401 {@code invalid-signature} with {@link #INVALID_SIGNATURE}, the same bytes for every
	 * reason, so that the answer never tells whether an id or a secret belongs to a tenant.
	 *
	 * @param outcome the {@code outcome} tag the endpoint counts it under, e.g. {@code rejected}.
	 */
	public static WebhookRefused invalidSignature(String outcome) {
		return new WebhookRefused(outcome, HttpStatus.UNAUTHORIZED, "invalid-signature", INVALID_SIGNATURE, null);
	}

	/**
	 * A verified body with nothing Switchboard can take: 400 {@code invalid-webhook}, counted as {@code invalid}.
	 *
	 * @param detail what is wrong, naming fields; never text of the body.
	 */
	public static WebhookRefused invalidWebhook(String detail) {
		return new WebhookRefused("invalid", HttpStatus.BAD_REQUEST, "invalid-webhook", detail, null);
	}

	/**
	 * @return the {@code outcome} tag the endpoint counts it under, e.g. {@code too_large} or {@code busy}.
	 */
	public String outcome() {
		return outcome;
	}

	/**
	 * @return the answer: a problem detail, with {@code Retry-After} when the sender should come back.
	 */
	public ResponseEntity<ProblemDetail> answer() {
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			answer.header("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds())));
		}
		return answer.body(Problems.of(type, status, getMessage()));
	}
}

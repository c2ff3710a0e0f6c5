package io.switchboard.platform.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A webhook body that {@link WebhookBodies} did not take in: too large, over the in-flight budget, too slow or cut
 * off. Carries the answer as a problem detail; nothing was stored.
 */
public final class WebhookRefused extends Exception {

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

package io.switchboard.platform.web;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal raised by Switchboard's code, answered as a problem of the catalogue ({@link ProblemType}): a controller
 * throws it and the gateway's exception handler writes it with its status, headers and body as they are. Subclasses
 * name refusals of their own (e.g. {@link WebhookRefused}).
 */
public class ProblemException extends ErrorResponseException {

	private final ProblemType type;

	/**
	 * @param detail a sentence for the caller; see {@link ProblemType#problem(String)}.
	 */
	public ProblemException(ProblemType type, String detail) {
		super(type.status(), type.problem(detail), null);
		this.type = type;
	}

	/**
	 * @return the problem type.
	 */
	public ProblemType type() {
		return type;
	}

	/**
	 * Tells the caller when to come back ({@code Retry-After}, in whole seconds, at least one).
	 *
	 * @return this refusal.
	 */
	public ProblemException retryAfter(Duration wait) {
		getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())));
		return this;
	}

	/**
	 * @return the answer, for code that answers itself rather than through the exception handler.
	 */
	public ResponseEntity<ProblemDetail> answer() {
		return ResponseEntity.status(getStatusCode()).headers(getHeaders())
				.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(getBody());
	}

	/**
	 * A refusal is an answer, not a failure: it keeps no stack trace.
	 */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

	@Override
	public String getMessage() {
		return type.slug() + ": " + getBody().getDetail();
	}
}

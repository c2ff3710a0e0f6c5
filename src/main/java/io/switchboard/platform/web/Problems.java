package io.switchboard.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem types Switchboard answers with (RFC 9457). Each has a stable {@code type} URI documented in
 * {@code docs/api-errors.md}.
 */
public final class Problems {

	private static final String BASE = "https://switchboard.example/problems/";

	private Problems() {}

	/**
	 * @param slug the problem type, e.g. {@code invalid-signature}.
	 * @param status the HTTP status.
	 * @param detail a sentence for the caller; never a stack trace, secret or message text.
	 */
	public static ProblemDetail of(String slug, HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(BASE + slug));
		problem.setTitle(status.getReasonPhrase());
		return problem;
	}
}

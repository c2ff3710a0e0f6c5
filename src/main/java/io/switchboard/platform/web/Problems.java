package io.switchboard.platform.web;

import java.util.Arrays;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The former way of naming a problem by its slug, kept for callers not yet moved to {@link ProblemType} (the
 * sandbox's controllers). The slug and status must be those of a type of the catalogue, so that nothing answers a
 * type {@code docs/api-errors.md} does not list.
 */
public final class Problems {

	private Problems() {}

	/**
	 * @param slug the problem type, e.g. {@code invalid-request}; one of {@link ProblemType}'s.
	 * @param status the HTTP status; the type's.
	 * @param detail a sentence for the caller; never a stack trace, secret or message text.
	 * @throws IllegalArgumentException for a slug and status that are not a type of the catalogue.
	 * @deprecated use {@link ProblemType#problem(String)}.
	 */
	@Deprecated(forRemoval = true)
	public static ProblemDetail of(String slug, HttpStatus status, String detail) {
		return Arrays.stream(ProblemType.values()).filter(type -> type.slug().equals(slug) && type.status() == status)
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No problem type " + slug + " with status " + status))
				.problem(detail);
	}
}

package io.switchboard.gateway;

import io.switchboard.platform.web.ProblemType;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The product's problem for an error known only by its status: what Spring MVC, the servlet container or Tomcat's
 * connector refused, with the catalogue's type for the status ({@link ProblemType#forStatus}) and a sentence of
 * Switchboard's (never the refusing component's text).
 */
final class StatusProblems {

	private StatusProblems() {}

	/**
	 * @return the problem answering {@code status}, e.g. 404 {@code not-found}.
	 */
	static ProblemDetail of(HttpStatusCode status) {
		ProblemType type = ProblemType.forStatus(status);
		return type.problem(sentence(type));
	}

	private static String sentence(ProblemType type) {
		return switch (type) {
			case UNAUTHENTICATED -> "Send the API key this endpoint needs.";
			case FORBIDDEN -> "This request is not allowed.";
			case NOT_FOUND -> "There is nothing at this path.";
			case METHOD_NOT_ALLOWED -> "This method is not allowed on this path.";
			case NOT_ACCEPTABLE -> "Switchboard answers application/json (errors as application/problem+json); "
					+ "accept one of them.";
			case REQUEST_TIMEOUT -> "The request did not arrive in time.";
			case BODY_TOO_LARGE -> "The request body is too large.";
			case URI_TOO_LONG -> "The request's URI is too long.";
			case UNSUPPORTED_MEDIA_TYPE -> "The body's Content-Type is not accepted here; send application/json.";
			case EXPECTATION_FAILED -> "The request's Expect header cannot be met; send the body without it.";
			case HEADERS_TOO_LARGE -> "The request's headers are too large.";
			case NOT_IMPLEMENTED -> "This method is not supported.";
			case HTTP_VERSION_NOT_SUPPORTED -> "This HTTP version is not supported; send HTTP/1.1.";
			case TEMPORARILY_UNAVAILABLE -> "Switchboard is unavailable for a moment; try again shortly.";
			case INTERNAL_ERROR -> "Switchboard could not complete the request; try again.";
			default -> "The request is not valid.";
		};
	}
}

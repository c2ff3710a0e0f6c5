package io.switchboard.gateway;

import io.switchboard.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The product's problem for an error known only by its status: what Spring MVC, the servlet container or Tomcat's
 * connector refused, with a type of Switchboard's and a sentence of its own (never the refusing component's text).
 */
final class StatusProblems {

	private StatusProblems() {}

	/**
	 * @return the problem answering {@code status}, e.g. 404 {@code not-found}.
	 */
	static ProblemDetail of(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		HttpStatus resolved = known != null && known.isError() ? known : HttpStatus.INTERNAL_SERVER_ERROR;
		return Problems.of(slug(resolved), resolved, sentence(resolved));
	}

	/**
	 * @return the problem type of a status: a product slug for those Switchboard documents, the status's name
	 *         otherwise ({@code 409} is {@code conflict}).
	 */
	static String slug(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "invalid-request";
			case UNAUTHORIZED -> "unauthenticated";
			case CONTENT_TOO_LARGE -> "body-too-large";
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers-too-large";
			case INTERNAL_SERVER_ERROR -> "internal-error";
			case SERVICE_UNAVAILABLE -> "temporarily-unavailable";
			default -> status.name().toLowerCase().replace('_', '-');
		};
	}

	private static String sentence(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "The request is not valid.";
			case UNAUTHORIZED -> "Send the API key this endpoint needs.";
			case FORBIDDEN -> "This request is not allowed.";
			case NOT_FOUND -> "There is nothing at this path.";
			case METHOD_NOT_ALLOWED -> "This method is not allowed on this path.";
			case NOT_ACCEPTABLE -> "Switchboard answers application/json (errors as application/problem+json); "
					+ "accept one of them.";
			case REQUEST_TIMEOUT -> "The request did not arrive in time.";
			case CONTENT_TOO_LARGE -> "The request body is too large.";
			case URI_TOO_LONG -> "The request's URI is too long.";
			case UNSUPPORTED_MEDIA_TYPE -> "The body's Content-Type is not accepted here; send application/json.";
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are too large.";
			case NOT_IMPLEMENTED -> "This method is not supported.";
			case SERVICE_UNAVAILABLE -> "Switchboard is unavailable for a moment; try again shortly.";
			case INTERNAL_SERVER_ERROR -> "Switchboard could not complete the request; try again.";
			default -> "The request could not be answered (" + status.value() + " " + status.getReasonPhrase() + ").";
		};
	}
}

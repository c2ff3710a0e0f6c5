package io.switchboard.gateway;

import io.switchboard.platform.web.Problems;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error of a controller as a problem detail. Spring MVC's own errors (bad JSON, missing parameters,
 * unsupported media types...) keep their status; anything unexpected becomes a 500 without a stack trace, logged with
 * the request's correlation id.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	/**
	 * Switchboard's own validation sentences are the caller's answer; an {@link IllegalArgumentException} thrown by a
	 * library or the JDK (whose text may say anything, e.g. {@code Empty key}) gets a generic sentence instead and is
	 * logged.
	 */
	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badInput(IllegalArgumentException e) {
		if (thrownBySwitchboard(e) && e.getMessage() != null) {
			return Problems.of("invalid-request", HttpStatus.BAD_REQUEST, e.getMessage());
		}
		log.warn("A request was refused as invalid by a library", e);
		return Problems.of("invalid-request", HttpStatus.BAD_REQUEST, "The request is not valid.");
	}

	private static boolean thrownBySwitchboard(Throwable e) {
		StackTraceElement[] trace = e.getStackTrace();
		return trace.length > 0 && trace[0].getClassName().startsWith("io.switchboard.");
	}

	@ExceptionHandler(AuthenticationException.class)
	ProblemDetail unauthenticated(AuthenticationException e) {
		log.warn("A request reached a controller without a caller: {}", e.getMessage());
		return Problems.of("unauthenticated", HttpStatus.UNAUTHORIZED,
				"Send X-Tenant-ID and the tenant's API key as 'Authorization: Bearer <key>'.");
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception e) {
		log.error("Unexpected failure while answering a request", e);
		return Problems.of("internal-error", HttpStatus.INTERNAL_SERVER_ERROR,
				"Switchboard could not complete the request. Nothing you sent was lost; try again.");
	}
}

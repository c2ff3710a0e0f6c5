package io.switchboard.gateway;

import io.switchboard.platform.Outages;
import io.switchboard.platform.web.Problems;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error of a controller as a problem detail. Spring MVC's own errors (bad JSON, missing parameters,
 * unsupported media types...) keep their status; a database outage (see {@link Outages}) becomes a 503 with
 * {@code Retry-After}, since nothing was accepted; anything else unexpected becomes a 500 without a stack trace, logged
 * with the request's correlation id.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
	private static final String OUTAGE_RETRY_AFTER_SECONDS = "5";

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
	ResponseEntity<ProblemDetail> unexpected(Exception e) {
		if (Outages.isOutage(e)) {
			log.warn("Request refused during a database outage: {}", e.toString());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, OUTAGE_RETRY_AFTER_SECONDS)
				.body(Problems.of("temporarily-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
						"Switchboard's database is unavailable for a moment; nothing was accepted. Try again shortly."));
		}
		log.error("Unexpected failure while answering a request", e);
		return ResponseEntity.internalServerError().body(Problems.of("internal-error",
				HttpStatus.INTERNAL_SERVER_ERROR,
				"Switchboard could not complete the request. Nothing you sent was lost; try again."));
	}
}

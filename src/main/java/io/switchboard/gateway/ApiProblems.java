package io.switchboard.gateway;

import io.switchboard.platform.Outages;
import io.switchboard.platform.web.Problems;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import tools.jackson.databind.json.JsonMapper;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error of a controller as a problem detail. Spring MVC's own errors (bad JSON, no such path, a method
 * or media type not supported, missing parameters...) keep their status and get the product's type for it
 * ({@link StatusProblems}) and a sentence of Switchboard's (naming at most a parameter or header of its own, never
 * the value sent or the framework's text); a body read past {@link BodyLimit} is 413 {@code body-too-large}; a
 * database outage (see {@link Outages}) becomes a 503 with {@code Retry-After}, since nothing was accepted; anything
 * else unexpected becomes a 500 without a stack trace, logged with the request's correlation id.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
	private static final String OUTAGE_RETRY_AFTER_SECONDS = "5";

	private final JsonMapper json;

	ApiProblems(JsonMapper json) {
		this.json = json;
	}

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

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		BodyLimit.TooLarge tooLarge = BodyLimit.cause(e);
		if (tooLarge != null) {
			return tooLarge(tooLarge);
		}
		return super.handleExceptionInternal(e, frameworkProblem(e, status), headers, status, request);
	}

	/**
	 * @return the product's problem for one of Spring MVC's own errors.
	 */
	static ProblemDetail frameworkProblem(Exception e, HttpStatusCode status) {
		ProblemDetail problem = StatusProblems.of(status);
		String detail = switch (e) {
			case HttpMessageNotReadableException unreadable ->
				"The request body is missing or is not JSON of the shape this endpoint takes.";
			case HttpRequestMethodNotSupportedException method ->
				"This method is not allowed on this path; the Allow header names those that are.";
			case HttpMediaTypeNotSupportedException media when !media.getSupportedMediaTypes().isEmpty() ->
				"The body's Content-Type is not accepted here; send "
						+ MediaType.toString(media.getSupportedMediaTypes().stream().limit(4).toList()) + ".";
			case MissingRequestHeaderException header -> "The header " + header.getHeaderName() + " is required.";
			case MissingServletRequestParameterException parameter ->
				"The query parameter '" + parameter.getParameterName() + "' is required.";
			case MethodArgumentTypeMismatchException mismatch ->
				"'" + mismatch.getName() + "' must be " + expected(mismatch.getRequiredType()) + ".";
			case TypeMismatchException mismatch -> "A value in the request is not of the expected type.";
			case MethodArgumentNotValidException invalid -> "The request body is not valid.";
			case HandlerMethodValidationException invalid -> "The request is not valid.";
			default -> problem.getDetail();
		};
		problem.setDetail(detail);
		return problem;
	}

	private static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "a valid value";
		}
		if (type.isEnum()) {
			return "one of " + String.join(", ",
					Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name()).toList());
		}
		if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
			return "a number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		return "a valid value";
	}

	/**
	 * A body that passed its limit while it was read: 413, with a {@code Content-Length} so that the answer is whole
	 * on the wire before Tomcat, reading no further, closes the connection.
	 */
	private ResponseEntity<Object> tooLarge(BodyLimit.TooLarge tooLarge) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(json.writeValueAsBytes(BodyLimit.tooLarge(tooLarge.maxBytes())));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<?> unexpected(Exception e) {
		BodyLimit.TooLarge tooLarge = BodyLimit.cause(e);
		if (tooLarge != null) {
			return tooLarge(tooLarge);
		}
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

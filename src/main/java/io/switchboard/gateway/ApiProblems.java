package io.switchboard.gateway;

import io.switchboard.platform.Outages;
import io.switchboard.platform.web.ProblemException;
import io.switchboard.platform.web.ProblemType;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every error of a controller as a problem detail of the catalogue ({@link ProblemType}). A
 * {@link ProblemException} a controller throws is answered as it is. A request that breaks a Bean Validation
 * constraint of its body, header or parameter is 400 {@code invalid-request} with one entry per broken rule in
 * {@value #ERRORS} ({@code pointer}, a JSON pointer into the body, or {@code header} or {@code parameter}, and
 * {@code detail}), and a {@code detail} that names them. Spring MVC's own errors (bad JSON, no such path, a method or
 * media type not supported, missing parameters...) keep their status and get the catalogue's type for it
 * ({@link StatusProblems}) and a sentence of Switchboard's (naming at most a parameter or header of its own, never
 * the value sent or the framework's text); a body read past {@link BodyLimit} is 413 {@code body-too-large}; a
 * database outage (see {@link Outages}) becomes a 503 with {@code Retry-After}, since nothing was accepted; anything
 * else unexpected becomes a 500 without a stack trace, logged with it.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
	private static final Duration OUTAGE_RETRY_AFTER = Duration.ofSeconds(5);

	/** The extension member listing a request's broken rules. */
	static final String ERRORS = "errors";

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
			return ProblemType.INVALID_REQUEST.problem(e.getMessage());
		}
		log.warn("A request was refused as invalid by a library", e);
		return ProblemType.INVALID_REQUEST.problem("The request is not valid.");
	}

	private static boolean thrownBySwitchboard(Throwable e) {
		StackTraceElement[] trace = e.getStackTrace();
		return trace.length > 0 && trace[0].getClassName().startsWith("io.switchboard.");
	}

	@ExceptionHandler(AuthenticationException.class)
	ProblemDetail unauthenticated(AuthenticationException e) {
		log.warn("A request reached a controller without a caller: {}", e.getMessage());
		return ProblemType.UNAUTHENTICATED.problem(Surface.TENANT.missingKey());
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		BodyLimit.TooLarge tooLarge = BodyLimit.cause(e);
		if (tooLarge != null) {
			return tooLarge(tooLarge);
		}
		ProblemDetail problem = e instanceof ProblemException raised ? raised.getBody() : frameworkProblem(e, status);
		return super.handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()),
				request);
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
			case MethodArgumentNotValidException invalid -> {
				yield invalid(problem, invalid.getBindingResult().getFieldErrors().stream()
						.map(field -> broken("pointer", pointer(field.getField()), field.getField(), field)));
			}
			case HandlerMethodValidationException invalid -> {
				yield invalid(problem, invalid.getParameterValidationResults().stream()
						.flatMap(ApiProblems::broken));
			}
			default -> problem.getDetail();
		};
		problem.setDetail(detail);
		return problem;
	}

	/**
	 * One broken rule: where ({@code pointer}, {@code header} or {@code parameter}), the name the detail gives it,
	 * and the rule's sentence.
	 */
	private record Broken(String where, String at, String name, String sentence) {

		Map<String, String> entry() {
			Map<String, String> entry = new LinkedHashMap<>();
			entry.put(where, at);
			entry.put("detail", sentence);
			return entry;
		}
	}

	private static Broken broken(String where, String at, String name, MessageSourceResolvable error) {
		String sentence = error.getDefaultMessage();
		return new Broken(where, at, name, sentence == null ? "is not valid" : sentence);
	}

	private static Stream<Broken> broken(ParameterValidationResult result) {
		if (result instanceof ParameterErrors errors) {
			return errors.getFieldErrors().stream()
					.map(field -> broken("pointer", pointer(field.getField()), field.getField(), field));
		}
		RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
		RequestParam parameter = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
		String name = header != null ? header.name() : parameter != null ? parameter.name() : "";
		String named = name.isEmpty() ? String.valueOf(result.getMethodParameter().getParameterName()) : name;
		String where = header != null ? "header" : "parameter";
		return result.getResolvableErrors().stream().map(error -> broken(where, named, named, error));
	}

	/**
	 * Puts the broken rules in {@value #ERRORS}, ordered by name, and names them in the detail.
	 */
	private static String invalid(ProblemDetail problem, Stream<Broken> rules) {
		List<Broken> broken = rules.sorted(Comparator.comparing(Broken::name, String.CASE_INSENSITIVE_ORDER)
				.thenComparing(Broken::sentence))
				.toList();
		if (broken.isEmpty()) {
			return "The request is not valid.";
		}
		problem.setProperty(ERRORS, broken.stream().map(Broken::entry).toList());
		return String.join("; ", broken.stream().map(rule -> rule.name() + " " + rule.sentence()).toList()) + ".";
	}

	/**
	 * @return the JSON pointer (RFC 6901) of a bound property path: {@code from.id} is {@code #/from/id},
	 *         {@code items[0]} is {@code #/items/0}.
	 */
	static String pointer(String path) {
		StringBuilder pointer = new StringBuilder("#");
		for (String token : path.replace("]", "").split("[.\\[]")) {
			pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
		}
		return pointer.toString();
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
			return new ProblemException(ProblemType.TEMPORARILY_UNAVAILABLE,
					"Switchboard's database is unavailable for a moment; nothing was accepted. Try again shortly.")
					.retryAfter(OUTAGE_RETRY_AFTER).answer();
		}
		log.error("Unexpected failure while answering a request", e);
		return new ProblemException(ProblemType.INTERNAL_ERROR,
				"Switchboard could not complete the request. Nothing you sent was lost; try again.").answer();
	}
}

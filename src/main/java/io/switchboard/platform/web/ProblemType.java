package io.switchboard.platform.web;

import java.net.URI;
import java.util.Arrays;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The catalogue of every problem type Switchboard answers with (RFC 9457): the REST API, the webhooks, Spring MVC's
 * and the servlet container's refusals, Tomcat's and Spring Security's. Each has a stable {@code type} URI
 * ({@value #BASE} followed by its slug), one status and one title; {@code docs/api-errors.md} lists them all, says
 * when each happens and what the caller should do, and a test keeps the two in step. No other place names a problem
 * type.
 * <p>
 * The title of every type is the reason phrase of its status, as it always was: a client tells problems apart by
 * {@code type}, and reads {@code detail} for the sentence about its own request.
 */
public enum ProblemType {

	/** A request Switchboard cannot take as sent: bad JSON, a field that breaks its rule, a non-canonical path. */
	INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, true),
	/** No API key, or one that does not open this surface. */
	UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, true),
	/** A key that authenticates but does not open this endpoint. */
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, true),
	/** The admin API while no admin key is configured. */
	ADMIN_API_OFF("admin-api-off", HttpStatus.FORBIDDEN, false),
	/** No such path, or no such resource of the calling tenant. */
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, true),
	/** The method is not served on the path; {@code Allow} names those that are. */
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, true),
	/** The caller accepts nothing Switchboard answers. */
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, true),
	/** The request did not arrive in time. */
	REQUEST_TIMEOUT("request-timeout", HttpStatus.REQUEST_TIMEOUT, true),
	/** A dead letter that was replayed or discarded before. */
	ALREADY_RESOLVED("already-resolved", HttpStatus.CONFLICT, false),
	/** A body over the endpoint's limit. */
	BODY_TOO_LARGE("body-too-large", HttpStatus.CONTENT_TOO_LARGE, true),
	/** A request target too long for Tomcat. */
	URI_TOO_LONG("uri-too-long", HttpStatus.URI_TOO_LONG, true),
	/** A body of a Content-Type the endpoint does not take. */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, true),
	/** An {@code Expect} header Tomcat does not meet. */
	EXPECTATION_FAILED("expectation-failed", HttpStatus.EXPECTATION_FAILED, true),
	/** An idempotency key that came back with a different request. */
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT, false),
	/** A send to a customer who never wrote to the number. */
	UNKNOWN_RECIPIENT("unknown-recipient", HttpStatus.UNPROCESSABLE_CONTENT, false),
	/** A send after the channel's service window closed. */
	SERVICE_WINDOW_CLOSED("service-window-closed", HttpStatus.UNPROCESSABLE_CONTENT, false),
	/** A tenant over its API rate limit; retry after {@code Retry-After}. */
	RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, true),
	/** Request headers too large for Tomcat. */
	HEADERS_TOO_LARGE("headers-too-large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, true),
	/** Anything that failed unexpectedly; logged with its stack trace. */
	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, true),
	/** A method or transfer coding Tomcat does not implement. */
	NOT_IMPLEMENTED("not-implemented", HttpStatus.NOT_IMPLEMENTED, true),
	/** The database is unreachable for a moment (or Switchboard cannot answer now); nothing was accepted. */
	TEMPORARILY_UNAVAILABLE("temporarily-unavailable", HttpStatus.SERVICE_UNAVAILABLE, true),
	/** An HTTP version Tomcat does not speak. */
	HTTP_VERSION_NOT_SUPPORTED("http-version-not-supported", HttpStatus.HTTP_VERSION_NOT_SUPPORTED, true),

	/** A webhook whose signature is missing, malformed, or not that of the addressed tenant. */
	INVALID_SIGNATURE("invalid-signature", HttpStatus.UNAUTHORIZED, false),
	/** A verified webhook body that is not a notification of its platform. */
	MALFORMED_WEBHOOK("malformed-webhook", HttpStatus.BAD_REQUEST, false),
	/** A verified webhook with nothing Switchboard can take. */
	INVALID_WEBHOOK("invalid-webhook", HttpStatus.BAD_REQUEST, false),
	/** A webhook body that ended before its {@code Content-Length}. */
	BODY_INCOMPLETE("body-incomplete", HttpStatus.BAD_REQUEST, false),
	/** A webhook body that did not arrive in time. */
	BODY_TOO_SLOW("body-too-slow", HttpStatus.REQUEST_TIMEOUT, false),
	/** The webhooks' in-flight budget is taken; retry after {@code Retry-After}. */
	WEBHOOKS_BUSY("webhooks-busy", HttpStatus.SERVICE_UNAVAILABLE, false),
	/** Meta's verification handshake with a wrong mode or verify token. */
	VERIFICATION_REFUSED("verification-refused", HttpStatus.FORBIDDEN, false),

	/** A media link whose signature is not Switchboard's, or whose expiry has passed. */
	INVALID_MEDIA_LINK("invalid-media-link", HttpStatus.FORBIDDEN, false);

	/** The prefix of every problem type URI. */
	public static final String BASE = "https://switchboard.example/problems/";

	private final String slug;
	private final HttpStatus status;
	private final boolean answersStatus;
	private final URI uri;

	ProblemType(String slug, HttpStatus status, boolean answersStatus) {
		this.slug = slug;
		this.status = status;
		this.answersStatus = answersStatus;
		this.uri = URI.create(BASE + slug);
	}

	/**
	 * @return the last segment of the type URI, e.g. {@code invalid-signature}.
	 */
	public String slug() {
		return slug;
	}

	/**
	 * @return the {@code type} member.
	 */
	public URI uri() {
		return uri;
	}

	/**
	 * @return the status every problem of this type is answered with.
	 */
	public HttpStatus status() {
		return status;
	}

	/**
	 * @return the {@code title} member: the reason phrase of the status, the same for every problem of the type.
	 */
	public String title() {
		return status.getReasonPhrase();
	}

	/**
	 * @param detail a sentence for the caller about its request; never a stack trace, a secret, message text or
	 *        another component's exception text.
	 * @return a problem detail of this type.
	 */
	public ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(uri);
		problem.setTitle(title());
		return problem;
	}

	/**
	 * @return the type answered for an error known only by its status (what Spring MVC, the servlet container or
	 *         Tomcat refused): the catalogue's type for that status, else {@link #INVALID_REQUEST} for a client
	 *         error and {@link #INTERNAL_ERROR} for anything else.
	 */
	public static ProblemType forStatus(HttpStatusCode status) {
		return Arrays.stream(values()).filter(type -> type.answersStatus && type.status.value() == status.value())
				.findFirst().orElse(status.is4xxClientError() ? INVALID_REQUEST : INTERNAL_ERROR);
	}
}

package io.switchboard.sandbox.genesys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An error of the simulated Genesys Cloud Platform API, answered as Genesys's {@code ErrorBody}: {@code message},
 * {@code code}, {@code status}, {@code contextId}, {@code details}, {@code errors}; 429s carry {@code Retry-After}.
 */
final class GenesysError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;
	private final String code;
	private final @Nullable Integer retryAfterSeconds;

	GenesysError(int status, String code, String message, @Nullable Integer retryAfterSeconds) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	static GenesysError badRequest(String message) {
		return new GenesysError(400, "bad.request", message, null);
	}

	static GenesysError invalidValue(String field, String value, List<String> allowed) {
		return new GenesysError(400, "invalid.value", "Value [" + value + "] is not valid for field " + field
				+ ". Allowable values are: " + String.join(", ", allowed), null);
	}

	/**
	 * An attachment Genesys refuses: {@code bad.request} whose message starts with the reason (one of the receipt
	 * reason codes, e.g. {@code MediaTypeNotAllowed}, {@code InvalidMediaContentLength}).
	 */
	static GenesysError media(String reason, String message) {
		return new GenesysError(400, "bad.request", reason + ": " + message, null);
	}

	static GenesysError badCredentials() {
		return new GenesysError(401, "bad.credentials", "Invalid login credentials.", null);
	}

	static GenesysError notFound(String message) {
		return new GenesysError(404, "not.found", message, null);
	}

	static GenesysError unsupportedMediaType() {
		return new GenesysError(415, "unsupported.media.type",
				"The request entity has a media type which the server or resource does not support. "
						+ "Send Content-Type: application/json.", null);
	}

	static GenesysError internal() {
		return new GenesysError(500, "internal.server.error",
				"The server encountered an unexpected condition which prevented it from fulfilling the request.", null);
	}

	/**
	 * @return the code Genesys uses for an HTTP status.
	 */
	static String codeFor(int status) {
		return switch (status) {
			case 400 -> "bad.request";
			case 401 -> "bad.credentials";
			case 403 -> "missing.permissions";
			case 404 -> "not.found";
			case 408 -> "request.timeout";
			case 409 -> "conflict";
			case 413 -> "request.entity.too.large";
			case 415 -> "unsupported.media.type";
			case 429 -> "too.many.requests.retry.after";
			case 500 -> "internal.server.error";
			case 502 -> "bad.gateway";
			case 503 -> "service.unavailable";
			case 504 -> "gateway.timeout";
			default -> status >= 500 ? "internal.server.error" : "bad.request";
		};
	}

	int status() {
		return status;
	}

	String code() {
		return code;
	}

	ResponseEntity<Map<String, Object>> toResponse() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", getMessage());
		body.put("code", code);
		body.put("status", status);
		body.put("contextId", UUID.randomUUID().toString());
		body.put("details", List.of());
		body.put("errors", List.of());
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status)
				.contentType(MediaType.APPLICATION_JSON);
		if (retryAfterSeconds != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds.toString());
		}
		return response.body(body);
	}
}

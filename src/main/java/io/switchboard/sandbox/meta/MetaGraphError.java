package io.switchboard.sandbox.meta;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error of the simulated Graph API, answered the way Graph does:
 * {@code {"error":{"message","type","code","error_data":{"messaging_product","details"},"error_subcode","fbtrace_id"}}}
 * written as Meta writes JSON, with the {@code x-fb-trace-id} header. {@link #of} knows the message, details and
 * HTTP status Meta uses for the codes a bridge meets (those of the conformance corpus first).
 */
final class MetaGraphError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * What Meta answers for an error code by default.
	 */
	private record Known(int httpStatus, String message, @Nullable String details, @Nullable String title) {}

	private static final Map<Integer, Known> KNOWN = Map.ofEntries(
			Map.entry(0, new Known(401, "(#0) AuthException", null, "AuthException")),
			Map.entry(1, new Known(500, "An unknown error has occurred.", null, "API Unknown")),
			Map.entry(2, new Known(503, "An unexpected error has occurred. Please retry your request later.", null,
					"API Service")),
			Map.entry(4, new Known(429, "(#4) Application request limit reached", null, "Too many calls")),
			Map.entry(100, new Known(400, "(#100) Invalid parameter", null, "Invalid parameter")),
			Map.entry(190, new Known(401, "Error validating access token: Session has expired on Sunday, 03-May-26 "
					+ "23:00:00 PDT. The current time is Monday, 04-May-26 02:30:00 PDT.", null,
					"Access token has expired")),
			Map.entry(80007, new Known(400, "(#80007) Rate limit issues", "The WhatsApp Business Account has reached "
					+ "its rate limit.", "Rate limit issues")),
			Map.entry(130429, new Known(400, "(#130429) Rate limit hit",
					"Cloud API message throughput has been reached.", "Rate limit hit")),
			Map.entry(130472, new Known(400, "(#130472) User's number is part of an experiment",
					"Failed to send message because this user's phone number is part of an experiment.",
					"User's number is part of an experiment")),
			Map.entry(131000, new Known(500, "(#131000) Something went wrong",
					"Message failed to send due to an unknown error.", "Something went wrong")),
			Map.entry(131008, new Known(400, "(#131008) Required parameter is missing", null,
					"Required parameter is missing")),
			Map.entry(131009, new Known(400, "(#131009) Parameter value is not valid", null,
					"Parameter value is not valid")),
			Map.entry(131016, new Known(503, "(#131016) Service unavailable",
					"A service is temporarily unavailable.", "Service unavailable")),
			Map.entry(131021, new Known(400, "(#131021) Recipient cannot be sender",
					"Sender and recipient phone number is the same.", "Recipient cannot be sender")),
			Map.entry(131026, new Known(400, "(#131026) Message Undeliverable.", "Message Undeliverable.",
					"Message undeliverable")),
			Map.entry(131030, new Known(400, "(#131030) Recipient phone number not in allowed list",
					"Recipient phone number not in allowed list: Add recipient phone number to recipient list and try "
							+ "again.", "Recipient phone number not in allowed list")),
			Map.entry(131031, new Known(400, "(#131031) Account has been locked",
					"Business Account locked.", "Account has been locked")),
			Map.entry(131047, new Known(400, "(#131047) Re-engagement message", "Message failed to send because more "
					+ "than 24 hours have passed since the customer last replied to this number.",
					"Re-engagement message")),
			Map.entry(131048, new Known(400, "(#131048) Spam rate limit hit", "Message failed to send because there "
					+ "are restrictions on how many messages can be sent from this phone number.",
					"Spam rate limit hit")),
			Map.entry(131049, new Known(400, "(#131049) This message was not delivered to maintain healthy ecosystem "
					+ "engagement.", "In order to maintain a healthy ecosystem engagement, the message failed to be "
					+ "delivered.", "This message was not delivered to maintain healthy ecosystem engagement.")),
			Map.entry(131050, new Known(400, "(#131050) User has stopped marketing messages",
					"Unable to deliver the marketing message: the user has stopped marketing messages.",
					"User has stopped marketing messages")),
			Map.entry(131051, new Known(400, "(#131051) Unsupported message type", "Message type is not currently "
					+ "supported.", "Unsupported message type")),
			Map.entry(131053, new Known(400, "(#131053) Media upload error",
					"Unable to upload the media used in the message.", "Media upload error")),
			Map.entry(131056, new Known(400, "(#131056) (Business Account, Consumer Account) pair rate limit hit",
					"Message failed to send because there were too many messages sent from this phone number to the "
							+ "same phone number in a short period of time.", "Pair rate limit hit")),
			Map.entry(131057, new Known(503, "(#131057) Account in maintenance mode",
					"Business Account is in maintenance mode.", "Account in maintenance mode")),
			Map.entry(132000, new Known(400, "(#132000) Number of parameters does not match the expected number of "
					+ "params", "Number of parameters does not match the expected number of params.",
					"Template Param Count Mismatch")),
			Map.entry(132001, new Known(400, "(#132001) Template name does not exist in the translation",
					"template name does not exist in the translation", "Template does not exist")),
			Map.entry(133010, new Known(400, "(#133010) Account not registered", "Account not registered.",
					"Account not registered")));

	private final int httpStatus;
	private final int code;
	private final String type;
	private final @Nullable String details;
	private final @Nullable Integer subcode;

	MetaGraphError(int httpStatus, int code, String type, String message, @Nullable String details,
			@Nullable Integer subcode) {
		super(message, null, false, false);
		this.httpStatus = httpStatus;
		this.code = code;
		this.type = type;
		this.details = details;
		this.subcode = subcode;
	}

	/**
	 * An error with Meta's usual message, details and HTTP status for the code, each replaceable.
	 */
	static MetaGraphError of(int code, @Nullable Integer httpStatus, @Nullable String message,
			@Nullable String details) {
		Known known = KNOWN.getOrDefault(code, new Known(400, "(#" + code + ") Scripted error (sandbox)", null,
				"Scripted error"));
		String text = message == null || message.isBlank() ? known.message() : message;
		String detail = details == null || details.isBlank() ? known.details() : details;
		int status = httpStatus == null ? known.httpStatus() : httpStatus;
		if (code == 190) {
			return new MetaGraphError(status, code, "OAuthException", text,
					details == null || details.isBlank() ? null : details,
					message == null || message.isBlank() ? Integer.valueOf(463) : null);
		}
		return new MetaGraphError(status, code, "OAuthException", text,
				detail == null ? text.replaceFirst("^\\(#\\d+\\) ", "") : detail, null);
	}

	/**
	 * @return the title Meta gives the code in a {@code failed} status, e.g. {@code Message undeliverable}.
	 */
	static String title(int code) {
		Known known = KNOWN.get(code);
		return known == null || known.title() == null ? "Failure" : known.title();
	}

	/**
	 * @return the details Meta gives the code in a {@code failed} status.
	 */
	static String details(int code) {
		Known known = KNOWN.get(code);
		if (known == null) {
			return "Failure (sandbox).";
		}
		return known.details() != null ? known.details() : known.message().replaceFirst("^\\(#\\d+\\) ", "");
	}

	/**
	 * A token Graph cannot use: missing, malformed, or not the one of the number's owner.
	 */
	static MetaGraphError invalidToken() {
		return new MetaGraphError(401, 190, "OAuthException", "Invalid OAuth access token - Cannot parse access token",
				null, null);
	}

	/**
	 * A phone number id the token cannot post to.
	 */
	static MetaGraphError unsupportedPost(String phoneNumberId) {
		return new MetaGraphError(400, 100, "GraphMethodException", "Unsupported post request. Object with ID '"
				+ phoneNumberId + "' does not exist, cannot be loaded due to missing permissions, or does not support "
				+ "this operation. Please read the Graph API documentation at "
				+ "https://developers.facebook.com/docs/graph-api", null, 33);
	}

	/**
	 * An invalid parameter (code 100): a wrong type or shape, or a value outside its limits.
	 */
	static MetaGraphError invalidParameter(String details) {
		return new MetaGraphError(400, 100, "OAuthException", "(#100) Invalid parameter", details, null);
	}

	/**
	 * A required parameter that is missing (code 131008).
	 */
	static MetaGraphError missingParameter(String details) {
		return new MetaGraphError(400, 131008, "OAuthException", "(#131008) Required parameter is missing", details,
				null);
	}

	/**
	 * A parameter value WhatsApp does not accept (code 131009), e.g. the limits of interactive messages.
	 */
	static MetaGraphError invalidValue(String details) {
		return new MetaGraphError(400, 131009, "OAuthException", "(#131009) Parameter value is not valid", details,
				null);
	}

	static MetaGraphError unknown() {
		return new MetaGraphError(500, 1, "OAuthException", "An unknown error has occurred.", null, null);
	}

	int httpStatus() {
		return httpStatus;
	}

	int code() {
		return code;
	}

	@Nullable String details() {
		return details;
	}

	ObjectNode body(String fbtraceId) {
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		ObjectNode error = root.putObject("error");
		error.put("message", getMessage());
		error.put("type", type);
		error.put("code", code);
		if (details != null) {
			error.putObject("error_data").put("messaging_product", "whatsapp").put("details", details);
		}
		if (subcode != null) {
			error.put("error_subcode", subcode);
		}
		if (code == 1 || code == 2 || code == 131000 || code == 131016) {
			error.put("is_transient", true);
		}
		error.put("fbtrace_id", fbtraceId);
		return root;
	}

	ResponseEntity<byte[]> toResponse() {
		String trace = Wamids.fbtraceId();
		ResponseEntity.BodyBuilder response = ResponseEntity.status(httpStatus)
				.contentType(MediaType.APPLICATION_JSON)
				.header("x-fb-trace-id", trace);
		if (httpStatus == 401) {
			response.header(HttpHeaders.WWW_AUTHENTICATE,
					"OAuth \"Facebook Platform\" \"invalid_token\" \"" + getMessage().replace("\"", "'") + "\"");
		}
		return response.body(MetaJson.bytes(body(trace)));
	}
}

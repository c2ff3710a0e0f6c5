package io.switchboard.genesys.client;

import io.switchboard.platform.JsonFields;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.auth.GenesysLoginFailed;
import io.switchboard.auth.GenesysTokens;
import io.switchboard.genesys.GenesysClient;
import io.switchboard.genesys.GenesysMessageAccepted;
import io.switchboard.genesys.GenesysRejected;
import io.switchboard.genesys.GenesysUnavailable;
import io.switchboard.genesys.OpenInboundMessage;
import io.switchboard.genesys.OpenInboundReceipt;
import io.switchboard.tenant.GenesysAccount;
import io.switchboard.tenant.Tenant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * {@link GenesysClient} over {@link HttpClient}. Every operation goes through {@link #call}, which authenticates with
 * the tenant's client-credentials token and applies one policy to all of Genesys's answers:
 * <ul>
 * <li>401: the token is refreshed once and the request repeated; a second 401 is a rejection.</li>
 * <li>429: waits {@code Retry-After} (1 s if absent) and repeats, unless that is longer than
 * {@link GenesysClientSettings#maxRetryAfterWait()}: then the caller gets {@link GenesysUnavailable} with the full
 * wait to reschedule durably.</li>
 * <li>408, 5xx, time-outs and connection failures: exponential backoff with full jitter.</li>
 * <li>any other 4xx, and an OAuth client Genesys does not accept: {@link GenesysRejected}, never repeated.</li>
 * </ul>
 * After {@link GenesysClientSettings#maxAttempts()} failed requests the caller gets {@link GenesysUnavailable}.
 */
@Component
class HttpGenesysClient implements GenesysClient {

	private static final Logger log = LoggerFactory.getLogger(HttpGenesysClient.class);

	static final String INBOUND_MESSAGE = "inbound-message";
	static final String INBOUND_RECEIPT = "inbound-receipt";
	static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
	static final int MAX_MESSAGE = 300;

	private final GenesysTokens tokens;
	private final JsonMapper json;
	private final ObjectWriter writer;
	private final GenesysClientSettings settings;
	private final MeterRegistry meters;
	private final HttpClient http;

	HttpGenesysClient(GenesysTokens tokens, JsonMapper json, GenesysClientSettings settings, MeterRegistry meters) {
		this.tokens = tokens;
		this.json = json;
		this.writer = json.writer().without(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
		this.settings = settings;
		this.meters = meters;
		this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
	}

	@Override
	public GenesysMessageAccepted sendInboundMessage(Tenant tenant, OpenInboundMessage message) {
		JsonNode answer = call(tenant, INBOUND_MESSAGE, "/inbound/open/message?prefetchConversationId=true", message);
		String messageId = JsonFields.nonBlank(answer, "id");
		if (messageId == null) {
			throw new GenesysRejected(200, "invalid_response", "Genesys took the message but did not return its id",
					null);
		}
		String conversationId = JsonFields.nonBlank(answer, "conversationId");
		log.debug("Genesys accepted message {} of tenant {} into conversation {}", messageId, tenant.id(),
				conversationId);
		return new GenesysMessageAccepted(messageId, conversationId);
	}

	@Override
	public void sendReceipt(Tenant tenant, OpenInboundReceipt receipt) {
		call(tenant, INBOUND_RECEIPT, "/inbound/open/receipt", receipt);
		log.debug("Genesys took the {} receipt for message {} of tenant {}", receipt.status(), receipt.id(),
				tenant.id());
	}

	/**
	 * Posts a body to one of the tenant's integration endpoints with a bearer token, applying the retry policy described
	 * on the class.
	 *
	 * @param operation names the call in logs and metrics.
	 * @param integrationPath the path after {@code /api/v2/conversations/messages/{integrationId}}, with any query.
	 * @return Genesys's answer, {@link MissingNode} if it was not JSON.
	 */
	private JsonNode call(Tenant tenant, String operation, String integrationPath, Object body) {
		URI uri = integrationUri(tenant.genesys(), integrationPath);
		byte[] payload = writer.writeValueAsBytes(body);
		@Nullable String rejectedToken = null;
		boolean refreshed = false;
		int failures = 0;

		while (true) {
			Timer.Sample sample = Timer.start(meters);
			Problem problem;
			try {
				if (rejectedToken != null) {
					tokens.refresh(tenant, rejectedToken);
					rejectedToken = null;
				}
				String token = tokens.tokenFor(tenant);
				HttpResponse<byte[]> response = http.send(request(uri, token, payload), BodyHandlers.ofByteArray());
				int status = response.statusCode();
				if (status / 100 == 2) {
					record(sample, operation, "success");
					return JsonFields.readTolerantly(json, response.body());
				}
				ErrorBody error = ErrorBody.of(response, JsonFields.readTolerantly(json, response.body()));
				if (status == 401 && !refreshed) {
					record(sample, operation, "retried");
					log.info("Genesys refused the token of tenant {} on {} (contextId {}); refreshing it once",
							tenant.id(), operation, error.contextId());
					rejectedToken = token;
					refreshed = true;
					continue;
				}
				if (status == 408 || status == 429 || status >= 500) {
					Duration retryAfter = retryAfter(response);
					if (status == 429 && retryAfter == null) {
						retryAfter = DEFAULT_RETRY_AFTER;
					}
					problem = new Problem("answered " + status + " to " + operation, retryAfter, error.contextId());
				}
				else {
					record(sample, operation, "rejected");
					log.warn("Genesys rejected {} of tenant {}: status {}, code {}, contextId {}", operation,
							tenant.id(), status, error.code(), error.contextId());
					throw error.toRejected(status, operation);
				}
			}
			catch (GenesysLoginFailed e) {
				if (!e.retryable()) {
					record(sample, operation, "rejected");
					throw new GenesysRejected(e.status(), e.error() == null ? "login_failed" : e.error(),
							e.getMessage(), null);
				}
				problem = new Problem((e.status() == 0 ? "login got no answer" : "login answered " + e.status())
						+ " before " + operation, e.retryAfter(), null);
			}
			catch (IOException e) {
				problem = new Problem("did not answer " + operation + " (" + e.getClass().getSimpleName() + ")", null,
						null);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				record(sample, operation, "unavailable");
				throw new GenesysUnavailable("Interrupted calling Genesys for tenant " + tenant.id(), null);
			}

			failures++;
			String what = problem.what() + " for tenant " + tenant.id()
					+ (problem.contextId() == null ? "" : " (contextId " + problem.contextId() + ")");
			Duration retryAfter = problem.retryAfter();
			if (retryAfter != null && retryAfter.compareTo(settings.maxRetryAfterWait()) > 0) {
				record(sample, operation, "unavailable");
				log.warn("Genesys {}; asked to wait {} s, handing back", what, retryAfter.toSeconds());
				throw new GenesysUnavailable("Genesys " + what + " and asked to wait " + retryAfter.toSeconds()
						+ " s", retryAfter);
			}
			if (failures >= settings.maxAttempts()) {
				record(sample, operation, "unavailable");
				log.warn("Genesys {}; handing back to the work channel after {} attempts", what, failures);
				throw new GenesysUnavailable("Genesys " + what + ", " + failures + " attempts", retryAfter);
			}
			record(sample, operation, "retried");
			Duration delay = retryAfter != null ? retryAfter
					: settings.backoff(failures, ThreadLocalRandom.current().nextDouble());
			log.info("Genesys {}; retrying in {} ms", what, delay.toMillis());
			pause(delay, tenant);
		}
	}

	private HttpRequest request(URI uri, String token, byte[] payload) {
		return HttpRequest.newBuilder(uri)
				.timeout(settings.requestTimeout())
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.POST(BodyPublishers.ofByteArray(payload))
				.build();
	}

	private static URI integrationUri(GenesysAccount account, String integrationPath) {
		String base = account.apiBaseUrl().toString();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
				+ "/api/v2/conversations/messages/"
				+ UriUtils.encodePathSegment(account.integrationId(), StandardCharsets.UTF_8) + integrationPath);
	}

	private void record(Timer.Sample sample, String operation, String outcome) {
		sample.stop(Timer.builder("switchboard.genesys.requests")
				.description("Requests to Genesys Cloud's Platform API")
				.tag("operation", operation)
				.tag("outcome", outcome)
				.register(meters));
	}

	private static void pause(Duration delay, Tenant tenant) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new GenesysUnavailable("Interrupted waiting to retry Genesys for tenant " + tenant.id(), delay);
		}
	}

	/**
	 * {@code Retry-After} as delay-seconds or an HTTP date.
	 */
	static @Nullable Duration retryAfter(HttpResponse<?> response) {
		String value = response.headers().firstValue("Retry-After").map(String::strip).orElse(null);
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
		}
		catch (NumberFormatException e) {
			try {
				Duration until = Duration.between(ZonedDateTime.now(),
						ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (DateTimeParseException unparsable) {
				return null;
			}
		}
	}

	/**
	 * Why a request failed in a way worth repeating.
	 *
	 * @param what what happened, for logs and exception messages.
	 * @param retryAfter how long Genesys asked to wait, if it did.
	 * @param contextId Genesys's correlation id, if it sent one.
	 */
	private record Problem(String what, @Nullable Duration retryAfter, @Nullable String contextId) {}

	/**
	 * Genesys's {@code ErrorBody}, as far as it could be read.
	 */
	record ErrorBody(@Nullable String message, @Nullable String code, @Nullable String contextId) {

		static ErrorBody of(HttpResponse<?> response, JsonNode body) {
			String contextId = JsonFields.nonBlank(body, "contextId");
			if (contextId == null) {
				contextId = response.headers().firstValue("ININ-Correlation-Id").orElse(null);
			}
			return new ErrorBody(JsonFields.nonBlank(body, "message"), JsonFields.nonBlank(body, "code"), contextId);
		}

		GenesysRejected toRejected(int status, String operation) {
			String reason = message == null ? "Genesys answered " + status + " to " + operation
					: message.replaceAll("\\s+", " ").strip();
			if (reason.length() > MAX_MESSAGE) {
				reason = reason.substring(0, MAX_MESSAGE - 1) + "…";
			}
			return new GenesysRejected(status, code, reason, contextId);
		}
	}
}

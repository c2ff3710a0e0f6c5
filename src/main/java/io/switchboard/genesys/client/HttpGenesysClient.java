package io.switchboard.genesys.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.auth.GenesysLoginFailed;
import io.switchboard.auth.GenesysTokens;
import io.switchboard.genesys.GenesysClient;
import io.switchboard.genesys.GenesysMessageAccepted;
import io.switchboard.genesys.GenesysRejected;
import io.switchboard.genesys.GenesysUnavailable;
import io.switchboard.genesys.OpenInboundMessage;
import io.switchboard.genesys.OpenInboundReceipt;
import io.switchboard.platform.JsonFields;
import io.switchboard.platform.http.Answer;
import io.switchboard.platform.http.Call;
import io.switchboard.platform.http.ErrorDecoder;
import io.switchboard.platform.http.HandBack;
import io.switchboard.platform.http.PlatformHttp;
import io.switchboard.platform.http.PlatformUris;
import io.switchboard.platform.http.Verdict;
import io.switchboard.tenant.GenesysAccount;
import io.switchboard.tenant.Tenant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * {@link GenesysClient} on the platform HTTP core ({@link PlatformHttp}). Every operation authenticates with the
 * tenant's client-credentials token, and Genesys's answers are judged by {@link GenesysAnswers}:
 * <ul>
 * <li>401: the token is refreshed once and the request repeated at once; a second 401 is a rejection.</li>
 * <li>429 (with {@code Retry-After}, 1 s if absent), 408, 5xx, time-outs, connection failures and a login that may
 * succeed later: repeated after the jittered backoff or the {@code Retry-After}, whichever is longer. A
 * {@code Retry-After} longer than {@link GenesysClientSettings#maxRetryAfterWait()} is handed to the caller at once as
 * {@link GenesysUnavailable} with the full wait to reschedule durably; after
 * {@link GenesysClientSettings#maxAttempts()} failed requests the caller gets {@link GenesysUnavailable} too.</li>
 * <li>any other 4xx, and an OAuth client Genesys does not accept: {@link GenesysRejected}, never repeated.</li>
 * </ul>
 */
@Component
class HttpGenesysClient implements GenesysClient {

	private static final Logger log = LoggerFactory.getLogger(HttpGenesysClient.class);

	static final String INBOUND_MESSAGE = "inbound-message";
	static final String INBOUND_RECEIPT = "inbound-receipt";
	static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
	static final int MAX_MESSAGE = 300;
	static final String REJECTED = "rejected";

	private final GenesysTokens tokens;
	private final JsonMapper json;
	private final ObjectWriter writer;
	private final PlatformHttp http;

	HttpGenesysClient(GenesysTokens tokens, JsonMapper json, GenesysClientSettings settings, MeterRegistry meters) {
		this.tokens = tokens;
		this.json = json;
		this.writer = json.writer().without(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
		this.http = PlatformHttp.builder("genesys", "Genesys", meters)
			.settings(settings.http())
			.handBackOutcome("unavailable")
			.build();
	}

	@Override
	public GenesysMessageAccepted sendInboundMessage(Tenant tenant, OpenInboundMessage message) {
		JsonNode answer = call(tenant, INBOUND_MESSAGE, "message", "prefetchConversationId=true", message);
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
		call(tenant, INBOUND_RECEIPT, "receipt", null, receipt);
		log.debug("Genesys took the {} receipt for message {} of tenant {}", receipt.status(), receipt.id(),
				tenant.id());
	}

	/**
	 * Posts a body to one of the tenant's integration endpoints with a bearer token, with the policy described on the
	 * class.
	 *
	 * @param operation names the call in logs and metrics.
	 * @param endpoint the endpoint under {@code /api/v2/conversations/messages/{integrationId}/inbound/open/}.
	 * @param query the query, if any, already encoded.
	 * @return Genesys's answer, {@link MissingNode} if it was not JSON.
	 */
	private JsonNode call(Tenant tenant, String operation, String endpoint, @Nullable String query, Object body) {
		URI uri = integrationUri(tenant.genesys(), endpoint, query);
		byte[] payload = writer.writeValueAsBytes(body);
		GenesysAnswers answers = new GenesysAnswers(tenant, operation);
		Call.RequestFactory request = attempt -> HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + answers.token())
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(BodyPublishers.ofByteArray(payload));
		return http.call(Call.of(operation, "tenant " + tenant.id(), request, answers));
	}

	static URI integrationUri(GenesysAccount account, String endpoint, @Nullable String query) {
		String[] segments = { "api", "v2", "conversations", "messages", account.integrationId(), "inbound", "open",
				endpoint };
		return query == null ? PlatformUris.under(account.apiBaseUrl(), segments)
				: PlatformUris.withQuery(account.apiBaseUrl(), query, segments);
	}

	/**
	 * Genesys's answers to one call, and its token: the token a 401 refused is refreshed once before the repeat.
	 */
	private final class GenesysAnswers implements ErrorDecoder<JsonNode> {

		private final Tenant tenant;
		private final String operation;
		private @Nullable String token;
		private @Nullable String rejectedToken;
		private boolean refreshed;

		GenesysAnswers(Tenant tenant, String operation) {
			this.tenant = tenant;
			this.operation = operation;
		}

		/**
		 * @return the token for the next attempt, refreshed if Genesys refused the last one.
		 * @throws GenesysLoginFailed when Genesys issued none.
		 */
		String token() {
			if (rejectedToken != null) {
				String rejected = rejectedToken;
				rejectedToken = null;
				tokens.refresh(tenant, rejected);
			}
			String current = tokens.tokenFor(tenant);
			token = current;
			return current;
		}

		@Override
		public Verdict<JsonNode> decode(Answer answer) {
			JsonNode body = JsonFields.readTolerantly(json, answer.body());
			if (answer.successful()) {
				return new Verdict.Success<>(body, Verdict.SUCCESS);
			}
			int status = answer.status();
			ErrorBody error = ErrorBody.of(answer, body);
			if (status == 401 && !refreshed) {
				log.info("Genesys refused the token of tenant {} on {} (contextId {}); refreshing it once",
						tenant.id(), operation, error.contextId());
				rejectedToken = token;
				refreshed = true;
				return new Verdict.Repeat<>("token refused, refreshed once");
			}
			if (status == 408 || status == 429 || status >= 500) {
				Duration retryAfter = answer.retryAfter();
				if (status == 429 && retryAfter == null) {
					retryAfter = DEFAULT_RETRY_AFTER;
				}
				return retry("answered " + status + " to " + operation, retryAfter, error.contextId());
			}
			log.warn("Genesys rejected {} of tenant {}: status {}, code {}, contextId {}", operation, tenant.id(),
					status, error.code(), error.contextId());
			return new Verdict.GiveUp<>(error.toRejected(status, operation), REJECTED);
		}

		@Override
		public Verdict<JsonNode> notSent(RuntimeException failure) {
			if (!(failure instanceof GenesysLoginFailed login)) {
				throw failure;
			}
			if (!login.retryable()) {
				return new Verdict.GiveUp<>(new GenesysRejected(login.status(),
						login.error() == null ? "login_failed" : login.error(), login.getMessage(), null), REJECTED);
			}
			return retry((login.status() == 0 ? "login got no answer" : "login answered " + login.status())
					+ " before " + operation, login.retryAfter(), null);
		}

		@Override
		public Verdict<JsonNode> unanswered(IOException failure) {
			return retry("did not answer " + operation + " (" + failure.getClass().getSimpleName() + ")", null, null);
		}

		@Override
		public RuntimeException interrupted(@Nullable Duration wait) {
			return new GenesysUnavailable((wait == null ? "Interrupted calling Genesys for tenant "
					: "Interrupted waiting to retry Genesys for tenant ") + tenant.id(), wait);
		}

		private Verdict<JsonNode> retry(String problem, @Nullable Duration retryAfter, @Nullable String contextId) {
			String what = problem + " for tenant " + tenant.id()
					+ (contextId == null ? "" : " (contextId " + contextId + ")");
			return new Verdict.Retry<>(what, retryAfter, handBack -> new GenesysUnavailable("Genesys " + what
					+ (handBack.reason() == HandBack.Reason.WAIT_TOO_LONG && retryAfter != null
							? " and asked to wait " + retryAfter.toSeconds() + " s"
							: ", " + handBack.attempts() + " attempts"),
					retryAfter));
		}
	}

	/**
	 * Genesys's {@code ErrorBody}, as far as it could be read.
	 */
	record ErrorBody(@Nullable String message, @Nullable String code, @Nullable String contextId) {

		static ErrorBody of(Answer answer, JsonNode body) {
			String contextId = JsonFields.nonBlank(body, "contextId");
			if (contextId == null) {
				contextId = answer.header("ININ-Correlation-Id");
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

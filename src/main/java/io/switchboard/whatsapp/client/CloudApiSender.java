package io.switchboard.whatsapp.client;

import io.switchboard.platform.JsonFields;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantAlert;
import io.switchboard.tenant.Tenants;
import io.switchboard.tenant.WhatsAppAccount;
import io.switchboard.whatsapp.CloudApiRequests;
import io.switchboard.whatsapp.OutboundMessage;
import io.switchboard.whatsapp.WhatsAppSendAccepted;
import io.switchboard.whatsapp.WhatsAppSendFailed;
import io.switchboard.whatsapp.WhatsAppSendFailed.Kind;
import io.switchboard.whatsapp.WhatsAppSender;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link WhatsAppSender} over {@link HttpClient}: {@code POST {graphBaseUrl}/{graphVersion}/{phoneNumberId}/messages}
 * with the tenant's access token. Every request goes through {@link #call}, which paces it with the {@link SendPacer}
 * and applies one policy to WhatsApp's answers, classified by the Graph error code:
 * <ul>
 * <li>throughput, call-rate and transient codes (130429, 131000, 131016, 1, 2, 133004, 131057, 4, 80007), and HTTP
 * 408, 429, 5xx, time-outs and connection failures without a code: repeated after an exponential backoff with full
 * jitter, up to {@link CloudApiSettings#maxAttempts()} requests, then {@link Kind#RETRY_LATER}. WhatsApp has no
 * idempotency key, so repeating a request that timed out may deliver the message twice; that is accepted over losing
 * it.</li>
 * <li>the pair rate limit (131056): never repeated in place. The customer is left alone for
 * {@link CloudApiSettings#pairRateBackoff()} (longer when it happens again) and the caller gets
 * {@link Kind#RETRY_LATER} with that wait to reschedule durably; until then further messages to that customer are
 * handed back the same way without calling WhatsApp, while other customers are served as usual.</li>
 * <li>an access token WhatsApp refuses (190, 0, or a 401 without a code): the tenant gets a
 * {@link TenantAlert#WHATSAPP_CREDENTIALS_INVALID} alert and every call fails with {@link Kind#CREDENTIALS}, without
 * calling WhatsApp, while the alert is open.</li>
 * <li>anything else: the classified {@link WhatsAppSendFailed} at once, never repeated. Error 100 on a mark-read is
 * only logged (the message may be too old or not inbound).</li>
 * </ul>
 * Tokens and message text are never logged; logs carry the tenant id, wamid, Graph error code and fbtrace_id.
 */
@Component
class CloudApiSender implements WhatsAppSender {

	private static final Logger log = LoggerFactory.getLogger(CloudApiSender.class);

	static final String REQUESTS = "switchboard.whatsapp.requests";
	static final String PACED = "switchboard.whatsapp.paced";
	static final String PACING_WAIT = "switchboard.whatsapp.pacing.wait";
	static final String TRACE_HEADER = "x-fb-trace-id";

	/**
	 * The calls made to the messages endpoint.
	 */
	enum Operation {

		SEND("send"), MARK_READ("mark-read");

		final String tag;

		Operation(String tag) {
			this.tag = tag;
		}

		/**
		 * @return whether a failure is only logged: error 100 on marking read (checklist item 24).
		 */
		boolean tolerates(GraphError error) {
			return this == MARK_READ && error.codeOrZero() == 100;
		}
	}

	private final Tenants tenants;
	private final JsonMapper json;
	private final CloudApiSettings settings;
	private final MeterRegistry meters;
	private final SendPacer pacer;
	private final HttpClient http;

	CloudApiSender(Tenants tenants, JsonMapper json, CloudApiSettings settings, MeterRegistry meters) {
		this.tenants = tenants;
		this.json = json;
		this.settings = settings;
		this.meters = meters;
		this.pacer = SendPacer.system(settings.pairSpacing());
		this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
	}

	@Override
	public WhatsAppSendAccepted send(Tenant tenant, OutboundMessage message) {
		refuseWithoutCredentials(tenant, Operation.SEND);
		String phoneNumberId = tenant.whatsapp().phoneNumberId();
		String recipient = message.to().id();
		Duration held = pacer.heldBack(phoneNumberId, recipient);
		if (held.isPositive()) {
			paced("pair-rate");
			log.info("Holding back a message of tenant {}: its customer hit the pair rate limit, {} ms left",
					tenant.id(), held.toMillis());
			throw new WhatsAppSendFailed(Kind.RETRY_LATER, GraphError.PAIR_RATE_LIMIT,
					"Too many messages to this customer in a short time; waiting before the next one", null, held);
		}

		JsonNode answer = Objects.requireNonNullElse(
				call(tenant, Operation.SEND, recipient, CloudApiRequests.message(message)), MissingNode.getInstance());
		JsonNode sent = answer.path("messages").path(0);
		String wamid = JsonFields.nonBlank(sent, "id");
		if (wamid == null) {
			log.warn("WhatsApp answered a send of tenant {} with success but no message id", tenant.id());
			throw new WhatsAppSendFailed(Kind.REFUSED, 0,
					"WhatsApp accepted the request but returned no message id", null, null);
		}
		log.debug("WhatsApp accepted message {} of tenant {}", wamid, tenant.id());
		return new WhatsAppSendAccepted(wamid, JsonFields.nonBlank(answer.path("contacts").path(0), "wa_id"),
				JsonFields.nonBlank(sent, "message_status"));
	}

	@Override
	public void markRead(Tenant tenant, String wamid, boolean showTyping) {
		refuseWithoutCredentials(tenant, Operation.MARK_READ);
		JsonNode answer = call(tenant, Operation.MARK_READ, null, CloudApiRequests.markRead(wamid, showTyping));
		if (answer == null) {
			return;
		}
		if (!answer.path("success").asBoolean(false)) {
			log.warn("WhatsApp did not confirm marking {} of tenant {} read", wamid, tenant.id());
			throw new WhatsAppSendFailed(Kind.REFUSED, 0, "WhatsApp did not confirm marking the message read", null,
					null);
		}
		log.debug("Marked {} of tenant {} read{}", wamid, tenant.id(), showTyping ? " and typing" : "");
	}

	/**
	 * Posts a body to the tenant's messages endpoint, paced and with the policy described on the class.
	 *
	 * @param recipient the customer the request is addressed to, if any; it is spaced and held back per customer.
	 * @return WhatsApp's answer ({@link MissingNode} if it was not JSON), or {@literal null} when the operation
	 *         tolerates the error WhatsApp answered with.
	 */
	private @Nullable JsonNode call(Tenant tenant, Operation operation, @Nullable String recipient, ObjectNode body) {
		WhatsAppAccount account = tenant.whatsapp();
		URI uri = messagesUri(account);
		byte[] payload = json.writeValueAsBytes(body);
		String token = account.accessToken().reveal();
		int failures = 0;

		while (true) {
			SendPacer.Waited turn = pace(tenant, failures == 0 ? recipient : null);
			Timer.Sample sample = Timer.start(meters);
			GraphError error;
			try {
				HttpResponse<byte[]> response = http.send(request(uri, token, payload), BodyHandlers.ofByteArray());
				int status = response.statusCode();
				if (status / 100 == 2) {
					record(sample, operation, "success");
					return JsonFields.readTolerantly(json, response.body());
				}
				error = GraphError.of(status, JsonFields.readTolerantly(json, response.body()),
						response.headers().firstValue(TRACE_HEADER).orElse(null), retryAfter(response), operation.tag,
						token);
			}
			catch (IOException e) {
				error = GraphError.unanswered(operation.tag, e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				record(sample, operation, outcome(Kind.RETRY_LATER));
				throw new WhatsAppSendFailed(Kind.RETRY_LATER, 0, "Interrupted calling WhatsApp", null, null);
			}
			finally {
				pacer.finished(turn);
			}

			if (operation.tolerates(error)) {
				record(sample, operation, "tolerated");
				log.info("WhatsApp refused {} of tenant {} with {}; ignored", operation.tag, tenant.id(),
						error.describe());
				return null;
			}
			if (error.pairRateLimited()) {
				Duration hold = recipient == null ? settings.pairRateBackoff()
						: pacer.holdBack(account.phoneNumberId(), recipient, settings.pairRateBackoff());
				record(sample, operation, outcome(Kind.RETRY_LATER));
				log.info("WhatsApp refused {} of tenant {} with {}; leaving the customer alone for {} s",
						operation.tag, tenant.id(), error.describe(), hold.toSeconds());
				throw error.toFailure(Kind.RETRY_LATER, hold);
			}
			Kind kind = error.kind();
			if (kind == Kind.CREDENTIALS) {
				record(sample, operation, outcome(kind));
				log.warn("WhatsApp refused the access token of tenant {} on {} with {}; sends stop until it is "
						+ "replaced", tenant.id(), operation.tag, error.describe());
				tenants.raiseAlert(tenant.id(), TenantAlert.WHATSAPP_CREDENTIALS_INVALID,
						"WhatsApp refused the access token (" + error.describe() + "): " + error.message());
				throw error.toFailure(kind, null);
			}
			if (!error.transientTrouble()) {
				record(sample, operation, outcome(kind));
				if (kind == Kind.WINDOW_CLOSED || kind == Kind.UNDELIVERABLE) {
					log.info("WhatsApp refused {} of tenant {} with {}", operation.tag, tenant.id(), error.describe());
				}
				else {
					log.warn("WhatsApp refused {} of tenant {} with {}", operation.tag, tenant.id(), error.describe());
				}
				throw error.toFailure(kind, null);
			}

			failures++;
			Duration retryAfter = error.retryAfter();
			if (failures >= settings.maxAttempts()
					|| (retryAfter != null && retryAfter.compareTo(settings.maxBackoff()) > 0)) {
				record(sample, operation, outcome(Kind.RETRY_LATER));
				Duration later = error.retryLater();
				log.warn("WhatsApp failed {} of tenant {} ({}); handing back after {} attempts, retry {}",
						operation.tag, tenant.id(), error.describe(), failures,
						later == null ? "with the work channel's backoff" : "in " + later.toMillis() + " ms");
				throw error.toFailure(Kind.RETRY_LATER, later);
			}
			record(sample, operation, "retried");
			Duration delay = settings.backoff(failures, ThreadLocalRandom.current().nextDouble());
			if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
				delay = retryAfter;
			}
			log.info("WhatsApp failed {} of tenant {} ({}); retrying in {} ms", operation.tag, tenant.id(),
					error.describe(), delay.toMillis());
			pause(delay);
		}
	}

	/**
	 * Fails fast while the tenant's access token is known to be refused.
	 */
	private void refuseWithoutCredentials(Tenant tenant, Operation operation) {
		if (tenants.hasOpenAlert(tenant.id(), TenantAlert.WHATSAPP_CREDENTIALS_INVALID)) {
			log.debug("Not calling WhatsApp for {} of tenant {}: its access token was refused", operation.tag,
					tenant.id());
			throw new WhatsAppSendFailed(Kind.CREDENTIALS, 190,
					"WhatsApp refused the tenant's access token; replace it to resume sending", null, null);
		}
	}

	/**
	 * Waits for the request's turn under the number's throughput limit and, if on, the spacing to its customer.
	 */
	private SendPacer.Waited pace(Tenant tenant, @Nullable String recipient) {
		WhatsAppAccount account = tenant.whatsapp();
		SendPacer.Waited waited;
		try {
			waited = pacer.awaitTurn(account.phoneNumberId(), recipient, account.messagesPerSecond());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new WhatsAppSendFailed(Kind.RETRY_LATER, 0, "Interrupted waiting to call WhatsApp", null, null);
		}
		if (waited.pairSpacing().isPositive()) {
			paced("pair-spacing");
		}
		if (waited.throughput().isPositive()) {
			paced("throughput");
		}
		if (waited.total().isPositive()) {
			Timer.builder(PACING_WAIT)
				.description("Time requests to the WhatsApp Cloud API waited for their turn")
				.register(meters)
				.record(waited.total());
		}
		return waited;
	}

	private void paced(String reason) {
		Counter.builder(PACED)
			.description("Requests to the WhatsApp Cloud API that waited or were held back for pacing")
			.tag("reason", reason)
			.register(meters)
			.increment();
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

	static URI messagesUri(WhatsAppAccount account) {
		String base = account.graphBaseUrl().toString();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/"
				+ UriUtils.encodePathSegment(account.graphVersion(), StandardCharsets.UTF_8) + "/"
				+ UriUtils.encodePathSegment(account.phoneNumberId(), StandardCharsets.UTF_8) + "/messages");
	}

	private void record(Timer.Sample sample, Operation operation, String outcome) {
		sample.stop(Timer.builder(REQUESTS)
			.description("Requests to the WhatsApp Cloud API")
			.tag("operation", operation.tag)
			.tag("outcome", outcome)
			.register(meters));
	}

	static String outcome(Kind kind) {
		return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new WhatsAppSendFailed(Kind.RETRY_LATER, 0, "Interrupted waiting to retry WhatsApp", null, delay);
		}
	}

	/**
	 * {@code Retry-After} in delay-seconds, if the answer carried one.
	 */
	private static @Nullable Duration retryAfter(HttpResponse<?> response) {
		String value = response.headers().firstValue("Retry-After").map(String::strip).orElse(null);
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
		}
		catch (NumberFormatException e) {
			return null;
		}
	}
}

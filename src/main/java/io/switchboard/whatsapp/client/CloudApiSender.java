package io.switchboard.whatsapp.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.platform.JsonFields;
import io.switchboard.platform.http.Answer;
import io.switchboard.platform.http.AttemptGate;
import io.switchboard.platform.http.Call;
import io.switchboard.platform.http.ErrorDecoder;
import io.switchboard.platform.http.PlatformHttp;
import io.switchboard.platform.http.PlatformUris;
import io.switchboard.platform.http.RetryAfter;
import io.switchboard.platform.http.Verdict;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantAlert;
import io.switchboard.tenant.Tenants;
import io.switchboard.tenant.WhatsAppAccount;
import io.switchboard.whatsapp.CloudApiRequests;
import io.switchboard.whatsapp.MediaInfo;
import io.switchboard.whatsapp.MediaUpload;
import io.switchboard.whatsapp.MediaUrlExpired;
import io.switchboard.whatsapp.OutboundMessage;
import io.switchboard.whatsapp.WhatsAppSendAccepted;
import io.switchboard.whatsapp.WhatsAppSendFailed;
import io.switchboard.whatsapp.WhatsAppSendFailed.Kind;
import io.switchboard.whatsapp.WhatsAppSender;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link WhatsAppSender} on the platform HTTP core ({@link PlatformHttp}):
 * {@code POST {graphBaseUrl}/{graphVersion}/{phoneNumberId}/messages} with the tenant's access token. Every request to
 * the messages endpoint waits for its turn under the {@link MessagePacing} port, and WhatsApp's answers are judged by
 * the Graph error code ({@link GraphAnswers}):
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

	static final String PLATFORM = "whatsapp";
	static final String REQUESTS = PlatformHttp.metricName(PLATFORM);
	static final String PACED = "switchboard.whatsapp.paced";
	static final String PACING_WAIT = "switchboard.whatsapp.pacing.wait";
	static final String TRACE_HEADER = "x-fb-trace-id";

	/**
	 * The calls made to the messages endpoint.
	 */
	enum Operation {

		SEND("send"), MARK_READ("mark-read"), MEDIA_INFO("media-info"), MEDIA_UPLOAD("media-upload");

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
	private final MessagePacing pacing;
	private final PlatformHttp http;
	private final HttpClient downloads;

	CloudApiSender(Tenants tenants, JsonMapper json, CloudApiSettings settings, MeterRegistry meters,
			MessagePacing pacing) {
		this.tenants = tenants;
		this.json = json;
		this.settings = settings;
		this.meters = meters;
		this.pacing = pacing;
		this.http = PlatformHttp.builder(PLATFORM, "WhatsApp", meters)
			.settings(settings.http())
			.handBackOutcome(outcome(Kind.RETRY_LATER))
			.build();
		this.downloads = HttpClient.newBuilder().connectTimeout(settings.http().connectTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL).build();
	}

	@Override
	public WhatsAppSendAccepted send(Tenant tenant, OutboundMessage message) {
		refuseWithoutCredentials(tenant, Operation.SEND);
		String phoneNumberId = tenant.whatsapp().phoneNumberId();
		String recipient = message.to().id();
		Duration held = pacing.heldBack(phoneNumberId, recipient);
		if (held.isPositive()) {
			paced("pair-rate");
			log.info("Holding back a message of tenant {}: its customer hit the pair rate limit, {} ms left",
					tenant.id(), held.toMillis());
			throw new WhatsAppSendFailed(Kind.RETRY_LATER, GraphError.PAIR_RATE_LIMIT,
					"Too many messages to this customer in a short time; waiting before the next one", null, held);
		}

		JsonNode answer = messages(tenant, Operation.SEND, recipient, CloudApiRequests.message(message))
			.orElse(MissingNode.getInstance());
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
		Optional<JsonNode> answer = messages(tenant, Operation.MARK_READ, null,
				CloudApiRequests.markRead(wamid, showTyping));
		if (answer.isEmpty()) {
			return;
		}
		if (!answer.get().path("success").asBoolean(false)) {
			log.warn("WhatsApp did not confirm marking {} of tenant {} read", wamid, tenant.id());
			throw new WhatsAppSendFailed(Kind.REFUSED, 0, "WhatsApp did not confirm marking the message read", null,
					null);
		}
		log.debug("Marked {} of tenant {} read{}", wamid, tenant.id(), showTyping ? " and typing" : "");
	}

	@Override
	public MediaInfo mediaInfo(Tenant tenant, String mediaId) {
		refuseWithoutCredentials(tenant, Operation.MEDIA_INFO);
		WhatsAppAccount account = tenant.whatsapp();
		URI uri = PlatformUris.under(account.graphBaseUrl(), account.graphVersion(), mediaId);
		String token = account.accessToken().reveal();
		Call.RequestFactory request = attempt -> HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.GET();
		JsonNode answer = http.call(Call.of(Operation.MEDIA_INFO.tag, "tenant " + tenant.id(), request,
				new GraphAnswers(tenant, Operation.MEDIA_INFO, null, token))).orElse(MissingNode.getInstance());
		String url = JsonFields.nonBlank(answer, "url");
		if (url == null) {
			throw new WhatsAppSendFailed(Kind.REFUSED, 0, "WhatsApp gave no download URL for media " + mediaId, null,
					null);
		}
		JsonNode size = answer.path("file_size");
		return new MediaInfo(URI.create(url), JsonFields.nonBlank(answer, "mime_type"),
				JsonFields.nonBlank(answer, "sha256"), size.canConvertToLong() ? size.asLong() : null);
	}

	@Override
	public InputStream download(Tenant tenant, MediaInfo media) {
		refuseWithoutCredentials(tenant, Operation.MEDIA_INFO);
		HttpRequest request = HttpRequest.newBuilder(media.url())
			.header("Authorization", "Bearer " + tenant.whatsapp().accessToken().reveal())
			.timeout(settings.http().requestTimeout())
			.GET()
			.build();
		long started = System.nanoTime();
		HttpResponse<InputStream> response;
		try {
			response = downloads.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException e) {
			recordDownload("unanswered", started);
			throw new WhatsAppSendFailed(Kind.RETRY_LATER, 0, "WhatsApp's media download did not answer", null, null);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new WhatsAppSendFailed(Kind.RETRY_LATER, 0, "Interrupted downloading media from WhatsApp", null,
					null);
		}
		int status = response.statusCode();
		if (status == 200) {
			recordDownload(Verdict.SUCCESS, started);
			return response.body();
		}
		closeQuietly(response.body());
		recordDownload("http-" + status, started);
		if (status == 401 || status == 403 || status == 404 || status == 410) {
			throw new MediaUrlExpired(status);
		}
		if (status == 408 || status == 429 || status >= 500) {
			throw new WhatsAppSendFailed(Kind.RETRY_LATER, 0, "WhatsApp's media download answered HTTP " + status,
					null, RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
		}
		throw new WhatsAppSendFailed(Kind.REFUSED, 0, "WhatsApp's media download answered HTTP " + status, null,
				null);
	}

	@Override
	public String upload(Tenant tenant, MediaUpload upload) {
		refuseWithoutCredentials(tenant, Operation.MEDIA_UPLOAD);
		WhatsAppAccount account = tenant.whatsapp();
		URI uri = PlatformUris.under(account.graphBaseUrl(), account.graphVersion(), account.phoneNumberId(),
				"media");
		String token = account.accessToken().reveal();
		String boundary = "switchboard-" + UUID.randomUUID();
		Call.RequestFactory request = attempt -> HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "application/json")
			.POST(Multipart.of(boundary, upload));
		JsonNode answer = http.call(Call.of(Operation.MEDIA_UPLOAD.tag, "tenant " + tenant.id(), request,
				new GraphAnswers(tenant, Operation.MEDIA_UPLOAD, null, token))).orElse(MissingNode.getInstance());
		String id = JsonFields.nonBlank(answer, "id");
		if (id == null) {
			throw new WhatsAppSendFailed(Kind.REFUSED, 0, "WhatsApp accepted the upload but returned no media id",
					null, null);
		}
		return id;
	}

	private void recordDownload(String outcome, long startedNanos) {
		Timer.builder(REQUESTS)
			.description("Requests to WhatsApp")
			.tag("operation", "media-download")
			.tag("outcome", outcome)
			.register(meters)
			.record(Duration.ofNanos(System.nanoTime() - startedNanos));
	}

	private static void closeQuietly(InputStream body) {
		try {
			body.close();
		}
		catch (IOException ignored) {
			// the answer is refused either way
		}
	}

	/**
	 * Posts a body to the tenant's messages endpoint, paced per number, with the policy described on the class.
	 *
	 * @param recipient the customer the request is addressed to, if any; it is spaced and held back per customer.
	 * @return WhatsApp's answer ({@link MissingNode} if it was not JSON), or empty when the operation tolerates the
	 *         error WhatsApp answered with.
	 */
	private Optional<JsonNode> messages(Tenant tenant, Operation operation, @Nullable String recipient,
			ObjectNode body) {
		WhatsAppAccount account = tenant.whatsapp();
		URI uri = messagesUri(account);
		byte[] payload = json.writeValueAsBytes(body);
		String token = account.accessToken().reveal();
		Call.RequestFactory request = attempt -> HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(BodyPublishers.ofByteArray(payload));
		return http.call(Call.of(operation.tag, "tenant " + tenant.id(), request,
				new GraphAnswers(tenant, operation, recipient, token)).gatedBy(paced(account, recipient)));
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
	 * Each attempt waits for its turn under the number's throughput limit and, for the first, the spacing to its
	 * customer.
	 */
	private AttemptGate paced(WhatsAppAccount account, @Nullable String recipient) {
		return attempt -> {
			MessagePacing.Waited waited = pacing.awaitTurn(account.phoneNumberId(), attempt == 1 ? recipient : null,
					account.messagesPerSecond());
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
			return () -> pacing.finished(waited);
		};
	}

	private void paced(String reason) {
		Counter.builder(PACED)
			.description("Requests to the WhatsApp Cloud API that waited or were held back for pacing")
			.tag("reason", reason)
			.register(meters)
			.increment();
	}

	static URI messagesUri(WhatsAppAccount account) {
		return PlatformUris.under(account.graphBaseUrl(), account.graphVersion(), account.phoneNumberId(), "messages");
	}

	static String outcome(Kind kind) {
		return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * WhatsApp's answers to one call, judged by the Graph error code as described on the class.
	 */
	private final class GraphAnswers implements ErrorDecoder<Optional<JsonNode>> {

		private final Tenant tenant;
		private final Operation operation;
		private final @Nullable String recipient;
		private final String token;

		GraphAnswers(Tenant tenant, Operation operation, @Nullable String recipient, String token) {
			this.tenant = tenant;
			this.operation = operation;
			this.recipient = recipient;
			this.token = token;
		}

		@Override
		public Verdict<Optional<JsonNode>> decode(Answer answer) {
			JsonNode body = JsonFields.readTolerantly(json, answer.body());
			if (answer.successful()) {
				return new Verdict.Success<>(Optional.of(body), Verdict.SUCCESS);
			}
			return judge(GraphError.of(answer.status(), body, answer.header(TRACE_HEADER), answer.retryAfter(),
					operation.tag, token));
		}

		@Override
		public Verdict<Optional<JsonNode>> unanswered(IOException failure) {
			return judge(GraphError.unanswered(operation.tag, failure));
		}

		@Override
		public RuntimeException interrupted(@Nullable Duration wait) {
			return new WhatsAppSendFailed(Kind.RETRY_LATER, 0,
					wait == null ? "Interrupted calling WhatsApp" : "Interrupted waiting to retry WhatsApp", null, wait);
		}

		private Verdict<Optional<JsonNode>> judge(GraphError error) {
			if (operation.tolerates(error)) {
				log.info("WhatsApp refused {} of tenant {} with {}; ignored", operation.tag, tenant.id(),
						error.describe());
				return new Verdict.Success<>(Optional.empty(), "tolerated");
			}
			if (error.pairRateLimited()) {
				Duration hold = recipient == null ? settings.pairRateBackoff()
						: pacing.holdBack(tenant.whatsapp().phoneNumberId(), recipient, settings.pairRateBackoff());
				log.info("WhatsApp refused {} of tenant {} with {}; leaving the customer alone for {} s",
						operation.tag, tenant.id(), error.describe(), hold.toSeconds());
				return giveUp(error, Kind.RETRY_LATER, hold);
			}
			Kind kind = error.kind();
			if (kind == Kind.CREDENTIALS) {
				log.warn("WhatsApp refused the access token of tenant {} on {} with {}; sends stop until it is "
						+ "replaced", tenant.id(), operation.tag, error.describe());
				tenants.raiseAlert(tenant.id(), TenantAlert.WHATSAPP_CREDENTIALS_INVALID,
						"WhatsApp refused the access token (" + error.describe() + "): " + error.message());
				return giveUp(error, kind, null);
			}
			if (!error.transientTrouble()) {
				if (kind == Kind.WINDOW_CLOSED || kind == Kind.UNDELIVERABLE) {
					log.info("WhatsApp refused {} of tenant {} with {}", operation.tag, tenant.id(), error.describe());
				}
				else {
					log.warn("WhatsApp refused {} of tenant {} with {}", operation.tag, tenant.id(), error.describe());
				}
				return giveUp(error, kind, null);
			}
			return new Verdict.Retry<>(error.describe(), error.retryAfter(),
					handBack -> error.toFailure(Kind.RETRY_LATER, error.retryLater()));
		}

		private Verdict<Optional<JsonNode>> giveUp(GraphError error, Kind kind, @Nullable Duration retryAfter) {
			return new Verdict.GiveUp<>(error.toFailure(kind, retryAfter), outcome(kind));
		}
	}
}

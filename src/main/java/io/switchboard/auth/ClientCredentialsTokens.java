package io.switchboard.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.JsonFields;
import io.switchboard.platform.Secret;
import io.switchboard.platform.http.Answer;
import io.switchboard.platform.http.Call;
import io.switchboard.platform.http.ErrorDecoder;
import io.switchboard.platform.http.HttpSettings;
import io.switchboard.platform.http.PlatformHttp;
import io.switchboard.platform.http.PlatformUris;
import io.switchboard.platform.http.Verdict;
import io.switchboard.tenant.GenesysAccount;
import io.switchboard.tenant.Tenant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link GenesysTokens} from Genesys Cloud's client-credentials grant: {@code POST {loginBaseUrl}/oauth/token} with the
 * tenant's client id and secret as HTTP Basic credentials, made once on the platform HTTP core ({@link PlatformHttp}) and
 * timed as {@code switchboard.genesys.requests} with {@code operation=login}.
 * <p>
 * One slot per tenant holds the current token and the token request in flight, if any. A slot belongs to one set of
 * credentials (login URL, client id, secret), so a tenant whose OAuth client changes never gets a token of the old
 * one. Callers for one tenant wait for the same request; tenants never wait for each other.
 */
@Component
class ClientCredentialsTokens implements GenesysTokens {

	private static final Logger log = LoggerFactory.getLogger(ClientCredentialsTokens.class);

	static final Duration EARLY_REFRESH = Duration.ofSeconds(60);
	static final Duration ASSUMED_LIFETIME = Duration.ofSeconds(300);
	static final String LOGIN = "login";
	static final String REJECTED = "rejected";

	private final JsonMapper json;
	private final MeterRegistry meters;
	private final PlatformHttp http;
	private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

	ClientCredentialsTokens(AuthSettings settings, JsonMapper json, MeterRegistry meters) {
		this.json = json;
		this.meters = meters;
		this.http = PlatformHttp.builder("genesys", "Genesys", meters)
			.settings(HttpSettings.once(settings.connectTimeout(), settings.readTimeout()))
			.handBackOutcome("unavailable")
			.build();
	}

	@Override
	public String tokenFor(Tenant tenant) {
		return obtain(tenant, null);
	}

	@Override
	public void refresh(Tenant tenant, String rejectedToken) {
		Objects.requireNonNull(rejectedToken, "rejected token must not be null");
		obtain(tenant, rejectedToken);
	}

	private String obtain(Tenant tenant, @Nullable String rejectedToken) {
		Slot slot = slotFor(tenant);
		CompletableFuture<Token> flight;
		boolean leader = false;
		synchronized (slot) {
			Token current = slot.token;
			if (current != null && rejectedToken != null && current.value().equals(rejectedToken)) {
				slot.token = current = null;
			}
			if (current != null && current.fresh()) {
				return current.value();
			}
			if (slot.flight == null) {
				slot.flight = new CompletableFuture<>();
				leader = true;
			}
			flight = slot.flight;
		}
		if (leader) {
			fly(slot, tenant, flight);
		}
		return await(tenant, flight).value();
	}

	private Slot slotFor(Tenant tenant) {
		Credentials credentials = Credentials.of(tenant.genesys());
		Slot slot = slots.get(tenant.id());
		if (slot != null && slot.credentials.equals(credentials)) {
			return slot;
		}
		return slots.compute(tenant.id(),
				(id, existing) -> existing != null && existing.credentials.equals(credentials) ? existing
						: new Slot(credentials));
	}

	private void fly(Slot slot, Tenant tenant, CompletableFuture<Token> flight) {
		try {
			Token token = login(tenant);
			synchronized (slot) {
				slot.token = token;
				slot.flight = null;
			}
			flight.complete(token);
		}
		catch (Throwable failure) {
			synchronized (slot) {
				slot.flight = null;
			}
			flight.completeExceptionally(failure);
		}
	}

	private Token await(Tenant tenant, CompletableFuture<Token> flight) {
		try {
			return flight.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw GenesysLoginFailed.unreachable(tenant.id(), e);
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (e.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("Genesys login for tenant " + tenant.id() + " failed", e.getCause());
		}
	}

	private Token login(Tenant tenant) {
		GenesysAccount account = tenant.genesys();
		String credentials = account.clientId() + ":" + account.clientSecret().reveal();
		URI uri = PlatformUris.under(account.loginBaseUrl(), "oauth", "token");
		LoginAnswers answers = new LoginAnswers(tenant);
		Call.RequestFactory request = attempt -> {
			answers.requestedAt = System.nanoTime();
			return HttpRequest.newBuilder(uri)
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(BodyPublishers.ofString("grant_type=client_credentials"));
		};
		return http.call(Call.of(LOGIN, "tenant " + tenant.id(), request, answers));
	}

	/**
	 * How long a token is handed out: until a minute before it expires, or for half its life if that is two minutes or
	 * less.
	 */
	static Duration usableFor(Duration lifetime) {
		return lifetime.compareTo(EARLY_REFRESH.multipliedBy(2)) > 0 ? lifetime.minus(EARLY_REFRESH)
				: lifetime.dividedBy(2);
	}

	/**
	 * Genesys's answers to one token request. A login is made once: the API client repeats the call it needed the
	 * token for, and with it the login.
	 */
	private final class LoginAnswers implements ErrorDecoder<Token> {

		private final Tenant tenant;
		long requestedAt;

		LoginAnswers(Tenant tenant) {
			this.tenant = tenant;
		}

		@Override
		public Verdict<Token> decode(Answer answer) {
			int status = answer.status();
			JsonNode body = JsonFields.readTolerantly(json, answer.body());
			if (!answer.successful()) {
				GenesysLoginFailed failure = GenesysLoginFailed.answered(tenant.id(), status,
						JsonFields.string(body, "error"), JsonFields.string(body, "error_description"),
						answer.retryAfter());
				if (failure.retryable()) {
					return new Verdict.Retry<>("answered " + status, failure.retryAfter(), handBack -> failure);
				}
				log.warn("Genesys login for tenant {} failed: status {}, error {}", tenant.id(), status,
						failure.error());
				return new Verdict.GiveUp<>(failure, REJECTED);
			}
			String accessToken = JsonFields.string(body, "access_token");
			if (accessToken == null || accessToken.isBlank()) {
				log.warn("Genesys login for tenant {} answered {} without an access token", tenant.id(), status);
				GenesysLoginFailed failure = new GenesysLoginFailed("Genesys login for tenant " + tenant.id()
						+ " answered " + status + " without an access token", status, "invalid_response", true, null,
						null);
				return new Verdict.Retry<>("answered " + status + " without an access token", null,
						handBack -> failure);
			}
			long expiresIn = body.path("expires_in").asLong(0);
			Duration lifetime = expiresIn > 0 ? Duration.ofSeconds(expiresIn) : ASSUMED_LIFETIME;
			Counter.builder("switchboard.genesys.tokens.issued")
				.description("Access tokens Genesys Cloud issued to a tenant's OAuth client")
				.tag("tenant", tenant.id())
				.register(meters)
				.increment();
			log.debug("Genesys issued a token to tenant {}, valid for {} s", tenant.id(), lifetime.toSeconds());
			return new Verdict.Success<>(new Token(accessToken, requestedAt + usableFor(lifetime).toNanos()),
					Verdict.SUCCESS);
		}

		@Override
		public Verdict<Token> unanswered(IOException failure) {
			return new Verdict.Retry<>("no answer (" + failure.getClass().getSimpleName() + ")", null,
					handBack -> GenesysLoginFailed.unreachable(tenant.id(), failure));
		}

		@Override
		public RuntimeException interrupted(@Nullable Duration wait) {
			return GenesysLoginFailed.unreachable(tenant.id(), new InterruptedException("interrupted"));
		}
	}

	private record Credentials(URI loginBaseUrl, String clientId, Secret clientSecret) {

		static Credentials of(GenesysAccount account) {
			return new Credentials(account.loginBaseUrl(), account.clientId(), account.clientSecret());
		}
	}

	private record Token(String value, long refreshAtNanos) {

		boolean fresh() {
			return System.nanoTime() - refreshAtNanos < 0;
		}

		@Override
		public String toString() {
			return "Token[******]";
		}
	}

	private static final class Slot {

		final Credentials credentials;
		@Nullable Token token;
		@Nullable CompletableFuture<Token> flight;

		Slot(Credentials credentials) {
			this.credentials = credentials;
		}
	}
}

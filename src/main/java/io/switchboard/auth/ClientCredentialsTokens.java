package io.switchboard.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.auth.TokenStore.StoredToken;
import io.switchboard.auth.TokenStore.TokenClient;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>
 * Behind the slots, the {@link TokenStore} shares tokens among processes: the one caller per process that needs a new
 * token first looks there, and logs in only when no usable token is stored and it holds the cluster-wide login claim;
 * other processes wait for the token it stores (polling every {@link #WAIT_POLL}), and log in themselves only when the
 * claim holder has not delivered within the login's time-outs.
 */
@Component
class ClientCredentialsTokens implements GenesysTokens {

	private static final Logger log = LoggerFactory.getLogger(ClientCredentialsTokens.class);

	static final Duration EARLY_REFRESH = Duration.ofSeconds(60);
	static final Duration ASSUMED_LIFETIME = Duration.ofSeconds(300);
	static final String LOGIN = "login";
	static final String REJECTED = "rejected";
	static final Duration WAIT_POLL = Duration.ofMillis(50);
	private static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);

	private final JsonMapper json;
	private final MeterRegistry meters;
	private final PlatformHttp http;
	private final TokenStore store;
	private final Clock clock;
	private final Duration loginHold;
	private final String process = UUID.randomUUID().toString();
	private final AtomicLong claims = new AtomicLong();
	private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

	ClientCredentialsTokens(AuthSettings settings, JsonMapper json, MeterRegistry meters, TokenStore store) {
		this.json = json;
		this.meters = meters;
		this.store = store;
		this.clock = Clock.systemUTC();
		this.loginHold = settings.connectTimeout().plus(settings.readTimeout()).plus(CLAIM_MARGIN);
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
		CompletableFuture<StoredToken> flight;
		boolean leader = false;
		synchronized (slot) {
			StoredToken current = slot.token;
			if (current != null && rejectedToken != null && current.value().equals(rejectedToken)) {
				slot.token = current = null;
			}
			if (current != null && current.freshAt(clock.instant())) {
				return current.value();
			}
			if (slot.flight == null) {
				slot.flight = new CompletableFuture<>();
				leader = true;
			}
			flight = slot.flight;
		}
		if (leader) {
			fly(slot, tenant, flight, rejectedToken);
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

	private void fly(Slot slot, Tenant tenant, CompletableFuture<StoredToken> flight, @Nullable String rejectedToken) {
		try {
			StoredToken token = shared(tenant, slot.credentials, rejectedToken);
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

	/**
	 * The token from the store, or from a login made under the cluster-wide claim.
	 */
	private StoredToken shared(Tenant tenant, Credentials credentials, @Nullable String rejectedToken) {
		String id = tenant.id();
		TokenClient client = credentials.client();
		long giveUpAt = System.nanoTime() + loginHold.toNanos();
		while (true) {
			Optional<StoredToken> stored = usable(store.read(id, client), rejectedToken);
			if (stored.isPresent()) {
				return stored.get();
			}
			String owner = process + ":" + claims.incrementAndGet();
			if (store.claimLogin(id, owner, loginHold)) {
				try {
					stored = usable(store.read(id, client), rejectedToken);
					return stored.isPresent() ? stored.get() : loginAndStore(tenant, client);
				}
				finally {
					store.release(id, owner);
				}
			}
			if (System.nanoTime() - giveUpAt > 0) {
				log.warn("Genesys login for tenant {}: the process holding the login claim delivered no token within "
						+ "{}; logging in without it", id, loginHold);
				return loginAndStore(tenant, client);
			}
			try {
				Thread.sleep(WAIT_POLL);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw GenesysLoginFailed.unreachable(id, e);
			}
		}
	}

	private StoredToken loginAndStore(Tenant tenant, TokenClient client) {
		StoredToken token = login(tenant);
		store.write(tenant.id(), client, token);
		return token;
	}

	private static Optional<StoredToken> usable(Optional<StoredToken> stored, @Nullable String rejectedToken) {
		return stored.filter(token -> !token.value().equals(rejectedToken));
	}

	private StoredToken await(Tenant tenant, CompletableFuture<StoredToken> flight) {
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

	private StoredToken login(Tenant tenant) {
		GenesysAccount account = tenant.genesys();
		String credentials = account.clientId() + ":" + account.clientSecret().reveal();
		URI uri = PlatformUris.under(account.loginBaseUrl(), "oauth", "token");
		LoginAnswers answers = new LoginAnswers(tenant);
		Call.RequestFactory request = attempt -> {
			answers.requestedAt = clock.instant();
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
	private final class LoginAnswers implements ErrorDecoder<StoredToken> {

		private final Tenant tenant;
		Instant requestedAt = Instant.EPOCH;

		LoginAnswers(Tenant tenant) {
			this.tenant = tenant;
		}

		@Override
		public Verdict<StoredToken> decode(Answer answer) {
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
			return new Verdict.Success<>(new StoredToken(accessToken, requestedAt.plus(usableFor(lifetime))),
					Verdict.SUCCESS);
		}

		@Override
		public Verdict<StoredToken> unanswered(IOException failure) {
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

		/**
		 * @return the client in the token store, named without showing its secret: a SHA-256 of URL, id and secret.
		 */
		TokenClient client() {
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				digest.update((loginBaseUrl + "\n" + clientId + "\n").getBytes(StandardCharsets.UTF_8));
				digest.update(clientSecret.bytes());
				return new TokenClient(HexFormat.of().formatHex(digest.digest(), 0, 16), clientSecret);
			}
			catch (NoSuchAlgorithmException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	private static final class Slot {

		final Credentials credentials;
		@Nullable StoredToken token;
		@Nullable CompletableFuture<StoredToken> flight;

		Slot(Credentials credentials) {
			this.credentials = credentials;
		}
	}
}

package io.switchboard.auth;

import io.switchboard.platform.JsonFields;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.Secret;
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
 * tenant's client id and secret as HTTP Basic credentials.
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

	private final AuthSettings settings;
	private final JsonMapper json;
	private final MeterRegistry meters;
	private final HttpClient http;
	private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

	ClientCredentialsTokens(AuthSettings settings, JsonMapper json, MeterRegistry meters) {
		this.settings = settings;
		this.json = json;
		this.meters = meters;
		this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
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
		HttpRequest request = HttpRequest.newBuilder(tokenUri(account.loginBaseUrl()))
				.timeout(settings.readTimeout())
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(BodyPublishers.ofString("grant_type=client_credentials"))
				.build();

		long requestedAt = System.nanoTime();
		HttpResponse<byte[]> response;
		try {
			response = http.send(request, BodyHandlers.ofByteArray());
		}
		catch (IOException e) {
			log.warn("Genesys login for tenant {} got no answer: {}", tenant.id(), e.getClass().getSimpleName());
			throw GenesysLoginFailed.unreachable(tenant.id(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw GenesysLoginFailed.unreachable(tenant.id(), e);
		}

		int status = response.statusCode();
		JsonNode body = JsonFields.readTolerantly(json, response.body());
		if (status / 100 != 2) {
			GenesysLoginFailed failure = GenesysLoginFailed.answered(tenant.id(), status, JsonFields.string(body, "error"),
					JsonFields.string(body, "error_description"), retryAfter(response));
			log.warn("Genesys login for tenant {} failed: status {}, error {}", tenant.id(), status,
					failure.error());
			throw failure;
		}

		String accessToken = JsonFields.string(body, "access_token");
		if (accessToken == null || accessToken.isBlank()) {
			log.warn("Genesys login for tenant {} answered {} without an access token", tenant.id(), status);
			throw new GenesysLoginFailed("Genesys login for tenant " + tenant.id() + " answered " + status
					+ " without an access token", status, "invalid_response", true, null, null);
		}
		long expiresIn = body.path("expires_in").asLong(0);
		Duration lifetime = expiresIn > 0 ? Duration.ofSeconds(expiresIn) : ASSUMED_LIFETIME;
		Counter.builder("switchboard.genesys.tokens.issued")
				.description("Access tokens Genesys Cloud issued to a tenant's OAuth client")
				.tag("tenant", tenant.id())
				.register(meters)
				.increment();
		log.debug("Genesys issued a token to tenant {}, valid for {} s", tenant.id(), lifetime.toSeconds());
		return new Token(accessToken, requestedAt + usableFor(lifetime).toNanos());
	}

	/**
	 * How long a token is handed out: until a minute before it expires, or for half its life if that is two minutes or
	 * less.
	 */
	static Duration usableFor(Duration lifetime) {
		return lifetime.compareTo(EARLY_REFRESH.multipliedBy(2)) > 0 ? lifetime.minus(EARLY_REFRESH)
				: lifetime.dividedBy(2);
	}

	private static URI tokenUri(URI loginBaseUrl) {
		String base = loginBaseUrl.toString();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/oauth/token");
	}

	private static @Nullable Duration retryAfter(HttpResponse<?> response) {
		return response.headers().firstValue("Retry-After").map(value -> {
			try {
				return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
			}
			catch (NumberFormatException e) {
				return null;
			}
		}).orElse(null);
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

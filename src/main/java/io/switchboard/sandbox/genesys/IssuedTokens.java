package io.switchboard.sandbox.genesys;

import io.switchboard.sandbox.SandboxSettings;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The access tokens the simulated Genesys Cloud login service has issued. Keeps the newest 10,000; older ones are
 * forgotten, i.e. treated as expired.
 */
@Component
class IssuedTokens {

	private static final int CAPACITY = 10_000;

	private final SecureRandom random = new SecureRandom();
	private final Map<String, Issued> tokens = new LinkedHashMap<>() {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Issued> eldest) {
			return size() > CAPACITY;
		}
	};
	private final Duration lifetime;
	private final Clock clock;

	@Autowired
	IssuedTokens(SandboxSettings settings) {
		this(settings.genesysTokenLifetime(), Clock.systemUTC());
	}

	IssuedTokens(Duration lifetime, Clock clock) {
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * An issued token.
	 *
	 * @param value the bearer token.
	 * @param tenantId the tenant whose OAuth client asked for it.
	 * @param clientId that client.
	 * @param expiresAt when it stops being accepted.
	 */
	record Issued(String value, String tenantId, String clientId, Instant expiresAt) {

		@Override
		public String toString() {
			return "Issued[tenantId=" + tenantId + ", clientId=" + clientId + ", expiresAt=" + expiresAt + "]";
		}
	}

	synchronized Issued issue(String tenantId, String clientId) {
		byte[] bytes = new byte[48];
		random.nextBytes(bytes);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Issued issued = new Issued(value, tenantId, clientId, clock.instant().plus(lifetime));
		tokens.put(value, issued);
		return issued;
	}

	/**
	 * @return the token, if it was issued and has not expired.
	 */
	synchronized Optional<Issued> valid(String value) {
		Issued issued = tokens.get(value);
		if (issued == null) {
			return Optional.empty();
		}
		if (!clock.instant().isBefore(issued.expiresAt())) {
			tokens.remove(value);
			return Optional.empty();
		}
		return Optional.of(issued);
	}

	Duration lifetime() {
		return lifetime;
	}

	/**
	 * Makes every token issued so far invalid, as if it had expired.
	 *
	 * @return how many tokens were still known.
	 */
	synchronized int expireAll() {
		int count = tokens.size();
		tokens.clear();
		return count;
	}
}

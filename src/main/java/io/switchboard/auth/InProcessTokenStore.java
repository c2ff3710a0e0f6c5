package io.switchboard.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tokens kept in this process. There is no one else to log in: each process is its own cluster, and its callers for
 * one tenant already share one token request.
 */
final class InProcessTokenStore implements TokenStore {

	private final Clock clock;
	private final ConcurrentMap<String, Entry> tokens = new ConcurrentHashMap<>();

	InProcessTokenStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Optional<StoredToken> read(String tenantId, TokenClient client) {
		Entry entry = tokens.get(tenantId);
		return entry != null && entry.client().equals(client.fingerprint()) && entry.token().freshAt(clock.instant())
				? Optional.of(entry.token()) : Optional.empty();
	}

	@Override
	public void write(String tenantId, TokenClient client, StoredToken token) {
		tokens.put(tenantId, new Entry(client.fingerprint(), token));
	}

	@Override
	public boolean claimLogin(String tenantId, String owner, Duration hold) {
		return true;
	}

	@Override
	public void release(String tenantId, String owner) {
	}

	private record Entry(String client, StoredToken token) {}
}

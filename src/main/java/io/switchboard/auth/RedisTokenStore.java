package io.switchboard.auth;

import io.switchboard.cache.RedisLink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * Tokens shared through Redis: {@code tenant:{id}:oauth:token} holds {@code client|refreshAt epoch ms|sealed token}
 * (sealed by {@link TokenCipher} under a key derived from the client secret) and expires at the refresh time; the login claim is {@code tenant:{id}:oauth:token:lock}, set with {@code SET NX PX} and
 * released only by its owner. While Redis is away (see {@link RedisLink}) the in-process store stands in: each
 * process then logs in for itself, as without Redis, until Redis answers again.
 */
final class RedisTokenStore implements TokenStore {

	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	private final RedisLink redis;
	private final TokenStore fallback;
	private final Clock clock;

	RedisTokenStore(RedisLink redis, Clock clock) {
		this.redis = redis;
		this.clock = clock;
		this.fallback = new InProcessTokenStore(clock);
	}

	static String key(String tenantId) {
		return "tenant:" + tenantId + ":oauth:token";
	}

	static String lockKey(String tenantId) {
		return key(tenantId) + ":lock";
	}

	@Override
	public Optional<StoredToken> read(String tenantId, TokenClient client) {
		return redis.attempt("reading a Genesys token",
				r -> Optional.ofNullable(r.opsForValue().get(key(tenantId))))
			.map(stored -> stored.flatMap(value -> decode(value, tenantId, client)))
			.orElseGet(() -> fallback.read(tenantId, client));
	}

	@Override
	public void write(String tenantId, TokenClient client, StoredToken token) {
		fallback.write(tenantId, client, token);
		Duration ttl = Duration.between(clock.instant(), token.refreshAt());
		if (ttl.toMillis() <= 0) {
			return;
		}
		redis.attempt("storing a Genesys token", r -> {
			r.opsForValue().set(key(tenantId), client.fingerprint() + "|" + token.refreshAt().toEpochMilli() + "|"
					+ TokenCipher.seal(token.value(), tenantId, client), ttl);
			return true;
		});
	}

	@Override
	public boolean claimLogin(String tenantId, String owner, Duration hold) {
		return redis.attempt("claiming a Genesys login",
				r -> Boolean.TRUE.equals(r.opsForValue().setIfAbsent(lockKey(tenantId), owner, hold)))
			.orElseGet(() -> fallback.claimLogin(tenantId, owner, hold));
	}

	@Override
	public void release(String tenantId, String owner) {
		redis.attempt("releasing a Genesys login", r -> {
			r.execute(RELEASE, List.of(lockKey(tenantId)), owner);
			return true;
		});
	}

	private Optional<StoredToken> decode(String stored, String tenantId, TokenClient client) {
		String[] parts = stored.split("\\|", 3);
		if (parts.length != 3 || !parts[0].equals(client.fingerprint())) {
			return Optional.empty();
		}
		try {
			Instant refreshAt = Instant.ofEpochMilli(Long.parseLong(parts[1]));
			return refreshAt.isAfter(clock.instant()) ? TokenCipher.open(parts[2], tenantId, client)
				.map(token -> new StoredToken(token, refreshAt)) : Optional.empty();
		}
		catch (NumberFormatException malformed) {
			return Optional.empty();
		}
	}
}

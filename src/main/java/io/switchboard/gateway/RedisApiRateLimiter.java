package io.switchboard.gateway;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.time.Duration;

/**
 * The tenants' buckets in Redis ({@code ratelimit:api:{tenant}}), shared by every process (Bucket4j's
 * compare-and-swap buckets over Lettuce); a bucket expires once it would have refilled.
 */
final class RedisApiRateLimiter implements ApiRateLimiter, AutoCloseable {

	private static final Duration KEEP_FULL = Duration.ofSeconds(10);

	private final StatefulConnection<String, byte[]> connection;
	private final ProxyManager<String> buckets;
	private final BucketConfiguration configuration;

	private RedisApiRateLimiter(StatefulConnection<String, byte[]> connection, ProxyManager<String> buckets,
			RateLimitSettings settings) {
		this.connection = connection;
		this.buckets = buckets;
		this.configuration = ApiRateLimiter.bucket(settings);
	}

	/**
	 * Connects with a client of its own configuration (standalone, sentinel or cluster).
	 *
	 * @throws io.lettuce.core.RedisException when Redis cannot be reached.
	 */
	static RedisApiRateLimiter connect(AbstractRedisClient client, RateLimitSettings settings) {
		RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
		ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
				.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL);
		return switch (client) {
			case RedisClient standalone -> {
				StatefulRedisConnection<String, byte[]> connection = standalone.connect(codec);
				connection.setTimeout(settings.redisTimeout());
				yield new RedisApiRateLimiter(connection, Bucket4jLettuce.casBasedBuilder(connection)
						.expirationAfterWrite(expiry).requestTimeout(settings.redisTimeout()).build(), settings);
			}
			case RedisClusterClient cluster -> {
				StatefulRedisClusterConnection<String, byte[]> connection = cluster.connect(codec);
				connection.setTimeout(settings.redisTimeout());
				yield new RedisApiRateLimiter(connection, Bucket4jLettuce.casBasedBuilder(connection)
						.expirationAfterWrite(expiry).requestTimeout(settings.redisTimeout()).build(), settings);
			}
			default -> throw new IllegalArgumentException("Unsupported Redis client " + client.getClass());
		};
	}

	@Override
	public Duration take(String tenantId) {
		return ApiRateLimiter.refusal(buckets.builder().build("ratelimit:api:{" + tenantId + "}", () -> configuration)
				.tryConsumeAndReturnRemaining(1));
	}

	@Override
	public void close() {
		connection.close();
	}
}

package io.switchboard.harness;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import org.jspecify.annotations.Nullable;

/**
 * The machine's Redis at 127.0.0.1:6379, for tests that need a real one and skip without it.
 */
public final class MachineRedis {

	/** Where the machine's Redis answers. */
	public static final RedisURI URI = RedisURI.create("redis://127.0.0.1:6379");

	private MachineRedis() {}

	/**
	 * @return a client that answered a ping, or {@literal null} when no Redis answers (the caller skips).
	 */
	public static @Nullable RedisClient connect() {
		RedisClient client = RedisClient.create(URI);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().ping();
			return client;
		}
		catch (RuntimeException e) {
			client.shutdown();
			return null;
		}
	}
}

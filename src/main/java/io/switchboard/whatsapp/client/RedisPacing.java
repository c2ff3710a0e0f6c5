package io.switchboard.whatsapp.client;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisKeyCommands;
import io.lettuce.core.api.sync.RedisScriptingCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The {@link MessagePacing} adapter over Redis, so that every process sending for a number shares its limits
 * (Bucket4j's compare-and-swap buckets over Lettuce).
 * <ul>
 * <li><b>Throughput</b>: one bucket per phone number ({@code pacing:{phone_number_id}}) holding a single turn,
 * refilled greedily at the number's messages per second, stretched by {@link #HEADROOM}: turns are handed out one
 * at a time, evenly spaced, so any {@code n + 1} turns of the number span more than a second whichever processes
 * took them. A waiting request reserves the next free turn and sleeps until it comes, so turns go in the order they
 * were asked for across processes. A changed limit replaces the bucket's configuration.</li>
 * <li><b>Pair rate</b>: the hold of a (number, customer) pair is a key with expiry
 * ({@code pacing:{phone_number_id}:recipient:hold}) and its refusals a counter that expires once the pair is
 * forgotten; one script escalates them atomically, as {@link SendPacer} does in process.</li>
 * <li><b>Pair spacing</b> (when on): a one-turn bucket per pair refilled once per spacing.</li>
 * </ul>
 * Keys of one number share a hash slot, so the adapter works on Redis Cluster too. Bucket4j takes time from the
 * client's clock: the processes' clocks must agree (NTP) to well under a turn's spacing.
 */
final class RedisPacing implements MessagePacing, AutoCloseable {

	/** How much longer than a second the number's {@code messagesPerSecond} turns are spread over. */
	static final Duration HEADROOM = Duration.ofMillis(20);

	/** How long a bucket is kept after it would have refilled, so that an idle number's keys expire. */
	private static final Duration KEEP_IDLE = Duration.ofSeconds(10);

	private static final String HOLD = """
			local strikes = redis.call('INCR', KEYS[2])
			local base = tonumber(ARGV[1])
			local escalation = tonumber(ARGV[2])
			local maxFactor = tonumber(ARGV[3])
			local factor = 1
			for i = 2, strikes do
			  if factor >= maxFactor then break end
			  factor = factor * escalation
			end
			local hold = base * factor
			local left = redis.call('PTTL', KEYS[1])
			if left < hold then
			  redis.call('SET', KEYS[1], '1', 'PX', hold)
			  left = hold
			end
			redis.call('PEXPIRE', KEYS[2], left + base * maxFactor)
			return left
			""";

	private final StatefulConnection<String, byte[]> connection;
	private final RedisKeyCommands<String, byte[]> keys;
	private final RedisScriptingCommands<String, byte[]> scripts;
	private final ProxyManager<String> buckets;
	private final Duration pairSpacing;

	private RedisPacing(StatefulConnection<String, byte[]> connection, RedisKeyCommands<String, byte[]> keys,
			RedisScriptingCommands<String, byte[]> scripts, ProxyManager<String> buckets, Duration pairSpacing) {
		this.connection = connection;
		this.keys = keys;
		this.scripts = scripts;
		this.buckets = buckets;
		this.pairSpacing = pairSpacing;
	}

	/**
	 * Connects to Redis with a client of its own configuration (standalone, sentinel or cluster).
	 *
	 * @param timeout the longest any one call may take.
	 * @param pairSpacing the least time between two messages to one customer; zero for none.
	 * @throws io.lettuce.core.RedisException when Redis cannot be reached.
	 */
	static RedisPacing connect(AbstractRedisClient client, Duration timeout, Duration pairSpacing) {
		RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
		ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
				.basedOnTimeForRefillingBucketUpToMax(KEEP_IDLE);
		return switch (client) {
			case RedisClient standalone -> {
				StatefulRedisConnection<String, byte[]> connection = standalone.connect(codec);
				connection.setTimeout(timeout);
				yield new RedisPacing(connection, connection.sync(), connection.sync(),
						Bucket4jLettuce.casBasedBuilder(connection).expirationAfterWrite(expiry)
								.requestTimeout(timeout).build(),
						pairSpacing);
			}
			case RedisClusterClient cluster -> {
				StatefulRedisClusterConnection<String, byte[]> connection = cluster.connect(codec);
				connection.setTimeout(timeout);
				yield new RedisPacing(connection, connection.sync(), connection.sync(),
						Bucket4jLettuce.casBasedBuilder(connection).expirationAfterWrite(expiry)
								.requestTimeout(timeout).build(),
						pairSpacing);
			}
			default -> throw new IllegalArgumentException("Unsupported Redis client " + client.getClass());
		};
	}

	@Override
	public Waited awaitTurn(String phoneNumberId, @Nullable String recipient, int messagesPerSecond)
			throws InterruptedException {
		long start = System.nanoTime();
		if (pairSpacing.isPositive() && recipient != null) {
			buckets.builder().build(pairKey(phoneNumberId, recipient, "spacing"), () -> spacing(pairSpacing))
					.asBlocking().consume(1);
		}
		long spaced = System.nanoTime();
		int perSecond = Math.max(1, messagesPerSecond);
		buckets.builder().withImplicitConfigurationReplacement(perSecond, TokensInheritanceStrategy.RESET)
				.build(numberKey(phoneNumberId), () -> throughput(perSecond)).asBlocking().consume(1);
		return new Waited(Duration.ofNanos(spaced - start), Duration.ofNanos(System.nanoTime() - spaced),
				phoneNumberId);
	}

	/**
	 * Nothing to do: a turn is spent when it is taken.
	 */
	@Override
	public void finished(Waited turn) {}

	@Override
	public Duration heldBack(String phoneNumberId, String recipient) {
		Long left = keys.pttl(pairKey(phoneNumberId, recipient, "hold"));
		return left == null || left <= 0 ? Duration.ZERO : Duration.ofMillis(left);
	}

	@Override
	public Duration holdBack(String phoneNumberId, String recipient, Duration backoff) {
		Long held = scripts.eval(HOLD, ScriptOutputType.INTEGER,
				new String[] { pairKey(phoneNumberId, recipient, "hold"),
						pairKey(phoneNumberId, recipient, "strikes") },
				bytes(Math.max(1, backoff.toMillis())), bytes(SendPacer.PAIR_ESCALATION),
				bytes(SendPacer.MAX_PAIR_HOLD_FACTOR));
		return Duration.ofMillis(held == null ? backoff.toMillis() : held);
	}

	@Override
	public void close() {
		connection.close();
	}

	/**
	 * @return the configuration of a number's throughput bucket: one turn at a time, {@code perSecond} per second
	 *         and {@link #HEADROOM}.
	 */
	static BucketConfiguration throughput(int perSecond) {
		return BucketConfiguration.builder()
				.addLimit(limit -> limit.capacity(1).refillGreedy(perSecond, Duration.ofSeconds(1).plus(HEADROOM)))
				.build();
	}

	private static BucketConfiguration spacing(Duration spacing) {
		return BucketConfiguration.builder().addLimit(limit -> limit.capacity(1).refillGreedy(1, spacing)).build();
	}

	static String numberKey(String phoneNumberId) {
		return "pacing:{" + phoneNumberId + "}";
	}

	private static String pairKey(String phoneNumberId, String recipient, String what) {
		return numberKey(phoneNumberId) + ":" + recipient + ":" + what;
	}

	private static byte[] bytes(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}
}

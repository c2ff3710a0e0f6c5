package io.switchboard.whatsapp.client;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Paces sends through Redis ({@link RedisPacing}) while it answers and in process ({@link SendPacer}) while it does
 * not: a Redis call that fails marks pacing degraded in {@link PacingHealth}, and Redis is asked again once the retry
 * delay has passed, so pacing comes back to shared limits by itself. Pair holds taken while degraded are remembered
 * in process and still honoured afterwards.
 */
final class FailoverPacing implements MessagePacing, AutoCloseable {

	private final Supplier<RedisPacing> connector;
	private final SendPacer local;
	private final PacingHealth health;
	private final Set<Waited> localTurns = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
	private volatile @Nullable RedisPacing redis;

	/**
	 * @param connector connects to Redis; called again after a failed connection once the retry delay has passed.
	 */
	FailoverPacing(Supplier<RedisPacing> connector, SendPacer local, PacingHealth health) {
		this.connector = connector;
		this.local = local;
		this.health = health;
	}

	@Override
	public Waited awaitTurn(String phoneNumberId, @Nullable String recipient, int messagesPerSecond)
			throws InterruptedException {
		RedisPacing shared = shared();
		if (shared != null) {
			try {
				Waited turn = shared.awaitTurn(phoneNumberId, recipient, messagesPerSecond);
				health.answered();
				return turn;
			}
			catch (RuntimeException e) {
				health.failed(e);
			}
		}
		Waited turn = local.awaitTurn(phoneNumberId, recipient, messagesPerSecond);
		localTurns.add(turn);
		return turn;
	}

	@Override
	public void finished(Waited turn) {
		if (localTurns.remove(turn)) {
			local.finished(turn);
		}
	}

	@Override
	public Duration heldBack(String phoneNumberId, String recipient) {
		Duration held = local.heldBack(phoneNumberId, recipient);
		RedisPacing shared = shared();
		if (shared != null) {
			try {
				Duration sharedHeld = shared.heldBack(phoneNumberId, recipient);
				health.answered();
				return sharedHeld.compareTo(held) > 0 ? sharedHeld : held;
			}
			catch (RuntimeException e) {
				health.failed(e);
			}
		}
		return held;
	}

	@Override
	public Duration holdBack(String phoneNumberId, String recipient, Duration backoff) {
		RedisPacing shared = shared();
		if (shared != null) {
			try {
				Duration held = shared.holdBack(phoneNumberId, recipient, backoff);
				health.answered();
				return held;
			}
			catch (RuntimeException e) {
				health.failed(e);
			}
		}
		return local.holdBack(phoneNumberId, recipient, backoff);
	}

	/**
	 * Closes the Redis connection, if there is one.
	 */
	@Override
	public void close() {
		RedisPacing shared = redis;
		if (shared != null) {
			shared.close();
		}
	}

	/**
	 * @return the Redis adapter, connecting first if need be, or {@literal null} while Redis is not to be asked.
	 */
	private @Nullable RedisPacing shared() {
		if (!health.redisDue()) {
			return null;
		}
		RedisPacing shared = redis;
		if (shared != null) {
			return shared;
		}
		synchronized (this) {
			if (redis == null && health.redisDue()) {
				try {
					redis = connector.get();
				}
				catch (RuntimeException e) {
					health.failed(e);
				}
			}
			return redis;
		}
	}
}

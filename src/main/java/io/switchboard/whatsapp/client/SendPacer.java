package io.switchboard.whatsapp.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Paces requests to the Cloud API, on the calling thread.
 * <ul>
 * <li><b>Throughput</b>: a sliding window per phone number: never more requests in any one second than the number's
 * messages per second, while an idle number may send a full second's worth at once. Requests are let through in the
 * order they asked.</li>
 * <li><b>Pair rate</b>: after WhatsApp refused a message to a customer with 131056, {@link #holdBack} records until
 * when the (phone number, customer) pair is left alone; {@link #heldBack} tells senders how long is left, so they can
 * hand the message back instead of waiting. Other customers of the number are never affected.</li>
 * <li><b>Pair spacing</b> (optional, off when zero): the least time between two requests to one customer; a request
 * waits for its turn without holding up requests to other customers.</li>
 * </ul>
 * Time comes from the given {@link Clock} and waiting goes through the given {@link Sleeper}, so tests can run it on a
 * fake clock. It is the in-process {@link MessagePacing}: limits are kept per process, so several processes sending
 * for one number share its limit only through {@link RedisPacing} ({@code switchboard.pacing.store=redis}), which
 * falls back to this pacer while Redis does not answer.
 */
final class SendPacer implements MessagePacing {

	/** Each further pair-rate refusal of one pair within the memory window holds it back this many times longer. */
	static final int PAIR_ESCALATION = 4;

	/** The longest hold, in multiples of the base pair-rate backoff (6 s, 24 s, 96 s). */
	static final int MAX_PAIR_HOLD_FACTOR = PAIR_ESCALATION * PAIR_ESCALATION;

	private static final long SECOND = 1_000_000_000L;


	private static final int PRUNE_ABOVE = 1_024;

	/**
	 * Waits; {@link Thread#sleep(Duration)} outside tests.
	 */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;
	}

	private record Pair(String phoneNumberId, String recipient) {}

	private final Clock clock;
	private final Sleeper sleeper;
	private final long pairSpacing;
	private final Map<String, Window> buckets = new ConcurrentHashMap<>();
	private final Map<Pair, PairState> pairs = new ConcurrentHashMap<>();
	private volatile long lastPrune;

	SendPacer(Clock clock, Sleeper sleeper, Duration pairSpacing) {
		this.clock = clock;
		this.sleeper = sleeper;
		this.pairSpacing = Math.max(0, pairSpacing.toNanos());
	}

	SendPacer(CloudApiSettings settings) {
		this(Clock.systemUTC(), Thread::sleep, settings.pairSpacing());
	}

	/**
	 * Waits until a request of the phone number may go: first for the spacing to its customer (if spacing is on and a
	 * customer is given), then for a throughput token.
	 *
	 * @param recipient the customer, or {@literal null} for requests not addressed to one (and for retries).
	 * @param messagesPerSecond the number's throughput limit.
	 */
	@Override
	public Waited awaitTurn(String phoneNumberId, @Nullable String recipient, int messagesPerSecond)
			throws InterruptedException {
		long spacingWait = 0;
		if (pairSpacing > 0 && recipient != null) {
			long now = now();
			long[] wait = new long[1];
			pairs.compute(new Pair(phoneNumberId, recipient), (pair, current) -> {
				PairState state = current == null ? new PairState() : current;
				wait[0] = state.space(now, pairSpacing);
				return state;
			});
			pruneIfLarge(now);
			spacingWait = wait[0];
			pause(spacingWait);
		}
		long before = now();
		buckets.computeIfAbsent(phoneNumberId, id -> new Window()).acquire(Math.max(1, messagesPerSecond));
		long throughputWait = now() - before;
		return new Waited(Duration.ofNanos(spacingWait), Duration.ofNanos(throughputWait), phoneNumberId);
	}

	/**
	 * Notes that the request of a turn got its answer (or failed): it keeps counting against the number's limit for
	 * one more second from now. Must be called once for every turn.
	 */
	@Override
	public void finished(Waited turn) {
		Window window = buckets.get(turn.phoneNumberId());
		if (window != null) {
			window.release(now());
		}
	}

	/**
	 * @return how long the pair is still left alone after a pair-rate refusal; zero when it may be messaged.
	 */
	@Override
	public Duration heldBack(String phoneNumberId, String recipient) {
		PairState state = pairs.get(new Pair(phoneNumberId, recipient));
		if (state == null) {
			return Duration.ZERO;
		}
		return Duration.ofNanos(state.heldFor(now()));
	}

	/**
	 * Leaves a pair alone after WhatsApp refused a message to it with 131056: for {@code backoff}, or 4 and 16 times
	 * that when it happens again while the pair is remembered (until the longest hold has passed since the last one
	 * ended).
	 *
	 * @return how long the pair is left alone.
	 */
	@Override
	public Duration holdBack(String phoneNumberId, String recipient, Duration backoff) {
		long now = now();
		long base = backoff.toNanos();
		long[] hold = new long[1];
		pairs.compute(new Pair(phoneNumberId, recipient), (pair, current) -> {
			PairState state = current == null ? new PairState() : current;
			hold[0] = state.hold(now, base);
			return state;
		});
		pruneIfLarge(now);
		return Duration.ofNanos(hold[0]);
	}

	/**
	 * @return the pairs currently remembered (held back, recently held back, or spaced).
	 */
	int trackedPairs() {
		return pairs.size();
	}

	private void pruneIfLarge(long now) {
		if (pairs.size() > PRUNE_ABOVE && now - lastPrune > SECOND) {
			lastPrune = now;
			pairs.values().removeIf(state -> state.forgettable(now));
		}
	}

	private void pause(long nanos) throws InterruptedException {
		if (nanos > 0) {
			sleeper.sleep(Duration.ofNanos(nanos));
		}
	}

	private long now() {
		Instant instant = clock.instant();
		return instant.getEpochSecond() * SECOND + instant.getNano();
	}

	/**
	 * The throughput window of one phone number. A request counts against the limit from the moment it starts until
	 * one second after it finished; a new request may start only while fewer than {@code perSecond} requests count.
	 * In any one second at WhatsApp, the request of that second that started last found all the others counting, so
	 * no second ever sees more than {@code perSecond} requests arrive, however long each was on the way; an idle
	 * number may still send a full second's worth at once.
	 */
	private final class Window {

		private final ReentrantLock lock = new ReentrantLock();
		private final Condition released = lock.newCondition();
		private final ArrayDeque<Long> finishes = new ArrayDeque<>();
		private int inFlight;

		void acquire(int perSecond) throws InterruptedException {
			lock.lock();
			try {
				while (true) {
					long now = now();
					while (!finishes.isEmpty() && finishes.peekFirst() + SECOND <= now) {
						finishes.removeFirst();
					}
					if (inFlight + finishes.size() < perSecond) {
						inFlight++;
						return;
					}
					if (finishes.isEmpty()) {
						released.await();
						continue;
					}
					long wait = finishes.peekFirst() + SECOND - now;
					lock.unlock();
					try {
						pause(wait);
					}
					finally {
						lock.lock();
					}
				}
			}
			finally {
				lock.unlock();
			}
		}

		void release(long now) {
			lock.lock();
			try {
				inFlight = Math.max(0, inFlight - 1);
				finishes.addLast(now);
				released.signalAll();
			}
			finally {
				lock.unlock();
			}
		}
	}

	/**
	 * What is known about one (phone number, customer) pair. Updated inside the map's {@code compute} for the pair.
	 */
	private static final class PairState {

		private long heldUntil = Long.MIN_VALUE;
		private int strikes;
		private long nextSpaced = Long.MIN_VALUE;
		private long forgetAt = Long.MIN_VALUE;

		/**
		 * @return how long the pair is now held back, in nanoseconds.
		 */
		synchronized long hold(long now, long base) {
			strikes = now < forgetAt && strikes > 0 ? strikes + 1 : 1;
			long factor = 1;
			for (int i = 1; i < strikes && factor < MAX_PAIR_HOLD_FACTOR; i++) {
				factor *= PAIR_ESCALATION;
			}
			heldUntil = Math.max(heldUntil, now + base * factor);
			forgetAt = Math.max(forgetAt, heldUntil + base * MAX_PAIR_HOLD_FACTOR);
			return heldUntil - now;
		}

		/**
		 * Reserves the pair's next turn.
		 *
		 * @return how long to wait for it, in nanoseconds.
		 */
		synchronized long space(long now, long spacing) {
			long start = Math.max(nextSpaced, now);
			nextSpaced = start + spacing;
			forgetAt = Math.max(forgetAt, nextSpaced);
			return start - now;
		}

		synchronized long heldFor(long now) {
			return Math.max(0, heldUntil - now);
		}

		synchronized boolean forgettable(long now) {
			return now >= forgetAt;
		}
	}
}

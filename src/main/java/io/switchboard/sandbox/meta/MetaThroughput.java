package io.switchboard.sandbox.meta;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.springframework.stereotype.Component;

/**
 * The Cloud API's throughput limit: per phone number, at most its messages per second over any rolling second,
 * counting every request to the messages endpoint the simulator let through (sends and mark-as-read alike, as
 * WhatsApp does); requests it refused do not count.
 */
@Component
class MetaThroughput {

	private static final long SECOND = 1_000_000_000L;

	private final Map<String, Deque<Long>> recent = new HashMap<>();
	private final LongSupplier nanoTime;

	MetaThroughput() {
		this(System::nanoTime);
	}

	MetaThroughput(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/**
	 * Counts a request against the number's limit if there is room for it.
	 *
	 * @return whether it is within the limit.
	 */
	synchronized boolean tryAcquire(String phoneNumberId, int messagesPerSecond) {
		long now = nanoTime.getAsLong();
		Deque<Long> window = recent.computeIfAbsent(phoneNumberId, k -> new ArrayDeque<>());
		while (!window.isEmpty() && now - window.peekFirst() >= SECOND) {
			window.removeFirst();
		}
		if (window.size() >= messagesPerSecond) {
			return false;
		}
		window.addLast(now);
		return true;
	}

	synchronized void clear() {
		recent.clear();
	}
}

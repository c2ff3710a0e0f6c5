package io.switchboard.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: request {@code i} is due at {@code start + i / rate}, whatever became of the ones
 * before it, and its latency is measured from that due time. A server that stalls therefore shows its stall in the
 * latencies instead of slowing the generator down (no coordinated omission). Each request runs on a virtual thread
 * with {@link HttpClient}; at most {@link #MAX_IN_FLIGHT} are outstanding, and a request waiting for a slot keeps
 * accruing latency from its due time.
 */
final class OpenLoop {

	static final int MAX_IN_FLIGHT = 512;

	private OpenLoop() {}

	/**
	 * What a run did.
	 *
	 * @param due when each request was due ({@link System#nanoTime()}); 0 for requests not sent.
	 * @param latency nanoseconds from due time to a 2xx answer, -1 for requests not sent or not answered with 2xx.
	 * @param sent how many requests were sent within the time limit.
	 * @param failures requests answered with another status or not at all.
	 * @param firstFailure what went wrong first, if anything.
	 */
	record Outcome(long[] due, long[] latency, int sent, int failures, String firstFailure, double perSecond,
			Duration elapsed) {

		Latency latencies() {
			return Latency.ofNanos(latency);
		}
	}

	static Outcome run(HttpClient http, List<HttpRequest> requests, double perSecond, Duration limit) {
		int n = requests.size();
		long[] due = new long[n];
		long[] latency = new long[n];
		Arrays.fill(latency, -1);
		Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
		AtomicInteger failures = new AtomicInteger();
		AtomicReference<String> firstFailure = new AtomicReference<>();
		long start = System.nanoTime() + 10_000_000L;
		long deadline = start + limit.toNanos();
		int sent = 0;
		ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
		try {
			for (int i = 0; i < n; i++) {
				long at = start + (long) (i * 1e9 / perSecond);
				if (at > deadline) {
					break;
				}
				waitUntil(at);
				slots.acquireUninterruptibly();
				due[i] = at;
				sent++;
				HttpRequest request = requests.get(i);
				int index = i;
				threads.execute(() -> {
					try {
						int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
						if (status / 100 == 2) {
							latency[index] = System.nanoTime() - at;
						}
						else {
							failures.incrementAndGet();
							firstFailure.compareAndSet(null, "HTTP " + status + " from " + request.uri().getPath());
						}
					}
					catch (Exception e) {
						failures.incrementAndGet();
						firstFailure.compareAndSet(null, e.toString());
					}
					finally {
						slots.release();
					}
				});
			}
		}
		finally {
			threads.shutdown();
			try {
				if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
					threads.shutdownNow();
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				threads.shutdownNow();
			}
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		return new Outcome(due, latency, sent, failures.get(), firstFailure.get(), perSecond, elapsed);
	}

	private static void waitUntil(long nanoTime) {
		long wait;
		while ((wait = nanoTime - System.nanoTime()) > 0) {
			LockSupport.parkNanos(wait);
		}
	}
}

package io.switchboard.platform.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

/**
 * Takes webhook bodies into memory under a budget: the bytes of all bodies held at once stay within
 * {@link WebhookLimits#maxInFlightBytes()}, reserved from {@code Content-Length} before anything is read (as it
 * arrives for chunked bodies), so that held-open or slow requests cannot exhaust the heap; beyond the budget the
 * answer is 503 with {@code Retry-After}. Bodies over {@value #SMALL_KIB} KiB may not take the last eighth of the
 * budget, which stays free for the small bodies ordinary webhooks are, so that large bodies held open do not starve
 * them. A body must arrive within {@link WebhookLimits#bodyReadTimeout()}. Used by {@link WebhookEdge}.
 */
@Component
class WebhookBodies {

	private static final int KIB = 1024;
	private static final int CHUNK = 64 * KIB;
	private static final int SMALL_KIB = 256;

	private final Semaphore budget;
	private final int budgetKib;
	private final Object largeReservations = new Object();
	private final WebhookLimits limits;

	WebhookBodies(WebhookLimits limits, MeterRegistry meters) {
		this.limits = limits;
		this.budgetKib = (int) limits.maxInFlightBytes().toKilobytes();
		this.budget = new Semaphore(budgetKib);
		Gauge.builder("switchboard.webhooks.in-flight", () -> (double) (budgetKib - budget.availablePermits()) * KIB)
				.baseUnit("bytes").description("bytes of webhook bodies held in memory").register(meters);
	}

	/**
	 * A body in memory; closing it gives its bytes back to the budget. Close it once the request is answered.
	 */
	final class Body implements AutoCloseable {

		private final byte[] bytes;
		private int reservedKib;

		private Body(byte[] bytes, int reservedKib) {
			this.bytes = bytes;
			this.reservedKib = reservedKib;
		}

		/**
		 * @return the body exactly as received.
		 */
		byte[] bytes() {
			return bytes;
		}

		@Override
		public void close() {
			budget.release(reservedKib);
			reservedKib = 0;
		}
	}

	/**
	 * Reads a request's body within the budget.
	 *
	 * @param maxBytes the largest body the endpoint takes (413 above).
	 * @throws WebhookRefused when the body is too large, over the budget (503), too slow (408) or cut off (400).
	 */
	Body read(HttpServletRequest request, long maxBytes) {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			throw tooLarge(maxBytes);
		}
		long deadline = System.nanoTime() + limits.bodyReadTimeout().toNanos();
		int reserved = 0;
		try {
			InputStream in = request.getInputStream();
			if (declared >= 0) {
				reserved = reserve(kibOf(declared), kibOf(declared));
				byte[] body = new byte[(int) declared];
				int read = 0;
				while (read < body.length) {
					int n = in.read(body, read, Math.min(CHUNK, body.length - read));
					if (n < 0) {
						throw incomplete();
					}
					read += n;
					checkDeadline(deadline);
				}
				return new Body(body, reserved);
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			byte[] chunk = new byte[CHUNK];
			for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
				if (body.size() + (long) n > maxBytes) {
					throw tooLarge(maxBytes);
				}
				int needed = 2 * kibOf(body.size() + (long) n) - reserved;
				if (needed > 0) {
					reserved += reserve(needed, reserved + needed);
				}
				body.write(chunk, 0, n);
				checkDeadline(deadline);
			}
			return new Body(body.toByteArray(), reserved);
		}
		catch (WebhookRefused refused) {
			budget.release(reserved);
			throw refused;
		}
		catch (IOException | RuntimeException e) {
			budget.release(reserved);
			throw incomplete();
		}
	}

	/**
	 * @param kib what to take now.
	 * @param bodyKib what the body holds once this is taken, which decides whether it is a large body.
	 */
	private int reserve(int kib, int bodyKib) {
		if (kib > 0 && !acquired(kib, bodyKib)) {
			throw (WebhookRefused) new WebhookRefused("busy", ProblemType.WEBHOOKS_BUSY,
					"Switchboard is taking in as many webhook bodies as it holds at once; retry after the time given.")
					.retryAfter(limits.retryAfter());
		}
		return kib;
	}

	private boolean acquired(int kib, int bodyKib) {
		if (bodyKib <= SMALL_KIB) {
			return budget.tryAcquire(kib);
		}
		synchronized (largeReservations) {
			return budget.availablePermits() - kib >= budgetKib / 8 && budget.tryAcquire(kib);
		}
	}

	private void checkDeadline(long deadline) {
		if (System.nanoTime() > deadline) {
			throw new WebhookRefused("timeout", ProblemType.BODY_TOO_SLOW,
					"The body did not arrive within " + limits.bodyReadTimeout().toSeconds() + " seconds.");
		}
	}

	static WebhookRefused tooLarge(long maxBytes) {
		return new WebhookRefused("too_large", ProblemType.BODY_TOO_LARGE,
				"Webhook bodies may be at most " + maxBytes + " bytes.");
	}

	private static WebhookRefused incomplete() {
		return new WebhookRefused("incomplete", ProblemType.BODY_INCOMPLETE,
				"The body ended before its Content-Length or could not be read.");
	}

	private static int kibOf(long bytes) {
		return (int) ((bytes + KIB - 1) / KIB);
	}
}

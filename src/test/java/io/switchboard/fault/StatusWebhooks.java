package io.switchboard.fault;

import io.switchboard.MetaWebhooks;
import io.switchboard.harness.StandInTenant;
import io.switchboard.platform.WebhookSignatures;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The customer's phone, as far as the relay can tell: a moment after each accepted send, Meta posts a signed
 * {@code delivered} status webhook to the edge, and, as Meta does, posts it again every second until the edge answers
 * 200 (while the edge is down, for instance).
 */
final class StatusWebhooks implements AutoCloseable {

	private static final Duration DELIVERED_AFTER = Duration.ofMillis(200);
	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
	private static final int SENDERS = 4;

	private record Pending(String wamid, String recipient, String callback, long due) implements Delayed {

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(due, ((Pending) other).due);
		}

		Pending later() {
			return new Pending(wamid, recipient, callback, System.nanoTime() + RETRY_AFTER.toNanos());
		}
	}

	private final StandInTenant tenant;
	private final EdgeClient edge;
	private final DelayQueue<Pending> queue = new DelayQueue<>();
	private final AtomicInteger outstanding = new AtomicInteger();
	private final AtomicInteger sent = new AtomicInteger();
	private final AtomicInteger retried = new AtomicInteger();
	private final Thread[] senders = new Thread[SENDERS];

	StatusWebhooks(StandInTenant tenant, EdgeClient edge) {
		this.tenant = tenant;
		this.edge = edge;
		for (int i = 0; i < SENDERS; i++) {
			senders[i] = Thread.ofVirtual().name("status-webhooks-" + i).start(this::send);
		}
	}

	void delivered(String wamid, String recipient, String callback) {
		outstanding.incrementAndGet();
		queue.add(new Pending(wamid, recipient, callback, System.nanoTime() + DELIVERED_AFTER.toNanos()));
	}

	/**
	 * @return statuses not yet acknowledged by the edge.
	 */
	int pending() {
		return outstanding.get();
	}

	int sent() {
		return sent.get();
	}

	int retried() {
		return retried.get();
	}

	private void send() {
		while (!Thread.currentThread().isInterrupted()) {
			Pending status;
			try {
				status = queue.take();
			}
			catch (InterruptedException stopped) {
				return;
			}
			byte[] body = MetaWebhooks.status(tenant.phoneNumberId(), status.wamid(), "delivered", status.recipient(),
					status.callback(), Instant.now());
			int answer;
			try {
				answer = edge.post(EdgeClient.WHATSAPP, body, WebhookSignatures.signHex(body, tenant.appSecret()));
			}
			catch (InterruptedException stopped) {
				return;
			}
			if (answer == 200) {
				sent.incrementAndGet();
				outstanding.decrementAndGet();
			}
			else {
				retried.incrementAndGet();
				queue.add(status.later());
			}
		}
	}

	@Override
	public void close() {
		for (Thread sender : senders) {
			sender.interrupt();
		}
	}
}

package io.switchboard.fault;

import io.switchboard.fault.Messages.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What the platforms send the edge: a steady stream both ways, in which every customer sends (or is sent) its next
 * message only once the edge has acknowledged the last, so that each customer's send order is well defined; bursts;
 * and one id posted on several connections at once. A message the edge does not acknowledge is posted again, with the
 * same id, every half second, as Meta and Genesys redeliver, for up to a minute.
 */
final class Traffic {

	private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(60);
	private static final long RETRY_MILLIS = 500;

	private final Messages messages;
	private final EdgeClient edge;
	private final Timeline timeline;
	private final Map<String, Map<String, AtomicInteger>> answers = new ConcurrentHashMap<>();
	private final List<Thread> streams = new ArrayList<>();
	private volatile boolean streaming;

	Traffic(Messages messages, EdgeClient edge, Timeline timeline) {
		this.messages = messages;
		this.edge = edge;
		this.timeline = timeline;
	}

	/**
	 * Starts one sender per customer and direction, each sending every {@code customers.size() / perSecond} seconds,
	 * so that each direction carries about {@code perSecond} messages a second.
	 */
	void startStreams(List<Integer> customers, double perSecond) {
		streaming = true;
		long interval = (long) (customers.size() / perSecond * 1e9);
		for (int i = 0; i < customers.size(); i++) {
			int customer = customers.get(i);
			long offset = interval * i / customers.size();
			streams.add(Thread.ofVirtual().name("inbound-" + customer)
					.start(() -> stream(interval, offset, () -> messages.inbound(customer))));
			streams.add(Thread.ofVirtual().name("outbound-" + customer)
					.start(() -> stream(interval, offset + interval / 2, () -> messages.outbound(customer))));
		}
	}

	/**
	 * Stops the streams after the messages under way are acknowledged or given up.
	 */
	void stopStreams() throws InterruptedException {
		streaming = false;
		for (Thread stream : streams) {
			stream.join(TimeUnit.NANOSECONDS.toMillis(GIVE_UP_NANOS) + 15_000);
		}
		streams.clear();
	}

	/**
	 * Sends the messages one after another, each once the last is acknowledged.
	 */
	void inSequence(List<Message> burst) throws InterruptedException {
		for (Message message : burst) {
			deliver(message);
		}
	}

	/**
	 * Sends every message at once, each on its own thread.
	 *
	 * @return the threads, to join.
	 */
	List<Thread> atOnce(List<Message> batch) {
		List<Thread> threads = new ArrayList<>();
		for (Message message : batch) {
			threads.add(Thread.ofVirtual().start(() -> {
				try {
					deliver(message);
				}
				catch (InterruptedException stopped) {
					Thread.currentThread().interrupt();
				}
			}));
		}
		return threads;
	}

	/**
	 * Posts one message on {@code connections} connections at the same instant, each once.
	 *
	 * @return the edge's answers.
	 */
	List<Integer> onConnections(Message message, int connections) throws InterruptedException {
		String path = path(message);
		List<EdgeClient> clients = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			clients.add(edge.another());
		}
		CountDownLatch ready = new CountDownLatch(connections);
		CountDownLatch go = new CountDownLatch(1);
		List<Integer> statuses = new CopyOnWriteArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (EdgeClient client : clients) {
			threads.add(Thread.ofVirtual().start(() -> {
				try {
					client.connect();
					ready.countDown();
					go.await();
					int status = client.post(path, message.body(), message.signature());
					count(message, status);
					statuses.add(status);
				}
				catch (InterruptedException stopped) {
					Thread.currentThread().interrupt();
				}
			}));
		}
		ready.await(10, TimeUnit.SECONDS);
		go.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		return statuses;
	}

	/**
	 * @return how often the edge answered with each status in a phase, by direction ("unreachable": no answer).
	 */
	Map<String, Integer> answers(String phase) {
		Map<String, Integer> counts = new TreeMap<>();
		answers.getOrDefault(phase, Map.of()).forEach((key, count) -> counts.put(key, count.get()));
		return counts;
	}

	private void stream(long interval, long offset, Supplier<Message> next) {
		long due = System.nanoTime() + offset;
		try {
			while (streaming) {
				long wait = due - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				if (!streaming) {
					return;
				}
				deliver(next.get());
				due = Math.max(due + interval, System.nanoTime());
			}
		}
		catch (InterruptedException stopped) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Posts the message until the edge acknowledges it, or for a minute.
	 */
	void deliver(Message message) throws InterruptedException {
		String path = path(message);
		long giveUp = System.nanoTime() + GIVE_UP_NANOS;
		while (true) {
			int status = edge.post(path, message.body(), message.signature());
			count(message, status);
			if (status == 200 || System.nanoTime() > giveUp) {
				return;
			}
			Thread.sleep(RETRY_MILLIS);
		}
	}

	private void count(Message message, int status) {
		if (status == 200) {
			message.acknowledgements().incrementAndGet();
		}
		String phase = timeline.current() == null ? "between phases" : timeline.current();
		answers.computeIfAbsent(phase, p -> new ConcurrentHashMap<>())
				.computeIfAbsent(message.direction().name().toLowerCase() + " " + (status < 0 ? "unreachable" : status),
						key -> new AtomicInteger())
				.incrementAndGet();
	}

	private static String path(Message message) {
		return message.direction() == Direction.INBOUND ? EdgeClient.WHATSAPP : EdgeClient.GENESYS;
	}
}

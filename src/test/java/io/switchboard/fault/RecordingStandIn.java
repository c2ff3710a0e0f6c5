package io.switchboard.fault;

import io.switchboard.harness.StandInServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A platform stand-in that records every message delivered to it, by id, with each arrival's time, and can be made to
 * fail: answer 503 to everything ({@link #answer503(boolean)}), or refuse connections altogether
 * ({@link #refuseConnections()}). A request answered 503 is not a delivery.
 */
abstract class RecordingStandIn extends StandInServer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String name;
	private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
	private final List<String> firstArrivals = Collections.synchronizedList(new ArrayList<>());
	private final AtomicInteger calls = new AtomicInteger();
	private final AtomicInteger unavailableAnswers = new AtomicInteger();
	private volatile boolean unavailable;

	RecordingStandIn(String name) {
		this.name = name;
	}

	String name() {
		return name;
	}

	void answer503(boolean on) {
		unavailable = on;
	}

	/**
	 * Counts the call and, while the stand-in plays unavailable, answers it 503.
	 *
	 * @return whether it was answered.
	 */
	final boolean answeredUnavailable(HttpExchange exchange, String body) throws IOException {
		calls.incrementAndGet();
		if (!unavailable) {
			return false;
		}
		unavailableAnswers.incrementAndGet();
		answer(exchange, 503, body);
		return true;
	}

	final void delivered(String id) {
		List<Long> times = arrivals.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>());
		synchronized (times) {
			if (times.isEmpty()) {
				firstArrivals.add(id);
			}
			times.add(System.nanoTime());
		}
	}

	/**
	 * @return when the message with this id arrived ({@link System#nanoTime()}), once per delivery; empty if never.
	 */
	final List<Long> arrivals(String id) {
		return arrivals.getOrDefault(id, List.of());
	}

	/**
	 * @return the ids of the messages delivered, in the order they first arrived.
	 */
	final List<String> firstArrivals() {
		synchronized (firstArrivals) {
			return List.copyOf(firstArrivals);
		}
	}

	final int calls() {
		return calls.get();
	}

	final int unavailableAnswers() {
		return unavailableAnswers.get();
	}

	static JsonNode json(String body) {
		return JSON.readTree(body);
	}
}

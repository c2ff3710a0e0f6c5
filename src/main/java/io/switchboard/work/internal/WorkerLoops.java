package io.switchboard.work.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Supervises the worker loops of this process (the database dispatchers, the RabbitMQ outbox relay and consumers) and
 * reports them as the {@code workers} health component: {@code DOWN} while a loop's thread is dead, while one of its
 * iterations has been stuck for longer than its stall limit, or while a watched component (the RabbitMQ consumers) says it
 * is not consuming, so that health never says UP while work is not being done. Dead loops are started again every
 * second.
 */
@Component("workers")
public class WorkerLoops implements HealthIndicator {

	private final List<SupervisedLoop> loops = new CopyOnWriteArrayList<>();
	private final Map<String, BooleanSupplier> watched = new ConcurrentHashMap<>();

	/**
	 * Starts a supervised loop.
	 *
	 * @param pause how long the loop waits after a failed iteration.
	 * @param stallAfter how long an iteration may take (without a beat) before the loop counts as stalled.
	 */
	public SupervisedLoop start(String name, Duration pause, Duration stallAfter, SupervisedLoop.Iteration iteration) {
		SupervisedLoop loop = new SupervisedLoop(name, pause, stallAfter, iteration);
		loops.removeIf(existing -> existing.name().equals(name));
		loops.add(loop);
		loop.start();
		return loop;
	}

	/**
	 * Makes a component's own liveness part of the {@code workers} health.
	 *
	 * @param consuming whether it is doing its work (or has none to do).
	 */
	public void watch(String name, BooleanSupplier consuming) {
		watched.put(name, consuming);
	}

	@Scheduled(fixedDelay = 1000)
	void supervise() {
		loops.forEach(SupervisedLoop::restartIfDead);
	}

	@Override
	public Health health() {
		boolean down = false;
		Map<String, Object> details = new LinkedHashMap<>();
		for (SupervisedLoop loop : loops) {
			SupervisedLoop.State state = loop.state();
			down |= state != SupervisedLoop.State.ALIVE;
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("state", state.name());
			detail.put("secondsSinceLastLoop", loop.sinceLastBeat().toSeconds());
			detail.put("failures", loop.failures());
			detail.put("restarts", loop.restarts());
			if (loop.lastFailure() != null) {
				detail.put("lastFailure", loop.lastFailure());
			}
			details.put(loop.name(), detail);
		}
		for (Map.Entry<String, BooleanSupplier> component : watched.entrySet()) {
			boolean consuming = component.getValue().getAsBoolean();
			down |= !consuming;
			details.put(component.getKey(), Map.of("state", consuming ? "ALIVE" : "DEAD"));
		}
		return Health.status(down ? Status.DOWN : Status.UP).withDetails(details).build();
	}
}

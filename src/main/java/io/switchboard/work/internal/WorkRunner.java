package io.switchboard.work.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.Outages;
import io.switchboard.work.RetryLater;
import io.switchboard.work.WorkHandler;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;


/**
 * One attempt at one item of work, the same for every transport: reads the payload as the handler's type, calls the
 * handler, and decides what follows. Success completes the item. An outage ({@link RetryLater}, or
 * {@link Outages#isOutage an outage of the database}) is retried after the delay the platform asked for, or else with
 * capped exponential backoff and jitter, until {@link WorkSettings#retryFor()} has passed since the item was
 * published. Any other failure is retried the same way but only {@link WorkSettings#maxAttempts()} times. Then the
 * item is parked (dead-lettered) and the handler's {@link WorkHandler#exhausted} records the failure. Unreadable
 * payloads are parked at once.
 * <p>
 * How an outcome is carried out is the transport's {@link Settlement}: the database dispatcher updates the
 * {@code work_items} row, the RabbitMQ consumer acknowledges, waits in place or dead-letters the message. Counts
 * {@code switchboard.work.completed}, {@code .retried} and {@code .failed} per channel. Internal to the work channel
 * adapters.
 */
@Component
public class WorkRunner {

	private static final Logger log = LoggerFactory.getLogger(WorkRunner.class);

	private final WorkPayloads payloads;
	private final WorkSettings settings;
	private final MeterRegistry meters;

	WorkRunner(WorkPayloads payloads, WorkSettings settings, MeterRegistry meters) {
		this.payloads = payloads;
		this.settings = settings;
		this.meters = meters;
	}

	/**
	 * What a transport does with an item once an attempt decided its fate. Called on the attempt's thread, before the
	 * outcome is counted.
	 */
	public interface Settlement {

		/** The handler succeeded: the item is done. */
		void complete();

		/**
		 * The attempt failed and another one is due after the delay.
		 *
		 * @param reason the failure; may be {@literal null}.
		 */
		void retry(Duration delay, @Nullable String reason);

		/**
		 * The item is given up: unreadable, or its last attempt failed. It becomes a dead letter.
		 *
		 * @param why {@link DeadLetter.Reason#UNREADABLE} or {@link DeadLetter.Reason#GAVE_UP}.
		 * @param reason the failure; may be {@literal null}.
		 * @param attempts the attempts made, this one included.
		 */
		void park(DeadLetter.Reason why, @Nullable String reason, int attempts);
	}

	/**
	 * What became of an attempt (the {@link Settlement} has already carried it out).
	 */
	public sealed interface Outcome {

		record Completed() implements Outcome {}

		/**
		 * @param delay how long to wait before the next attempt.
		 */
		record Retry(Duration delay) implements Outcome {}

		record Parked() implements Outcome {}
	}

	private static final Outcome COMPLETED = new Outcome.Completed();
	private static final Outcome PARKED = new Outcome.Parked();

	/**
	 * Makes one attempt.
	 *
	 * @param item how logs name the item (its {@code work_items} id).
	 * @param payload the work as JSON.
	 * @param attempt the number of this attempt, from 1.
	 * @param publishedAt when the item was published, from which {@link WorkSettings#retryFor()} counts.
	 */
	public <T> Outcome attempt(WorkHandler<T> handler, String item, String payload, int attempt, Instant publishedAt,
			Settlement settlement) {
		String channel = handler.channel();
		T work;
		try {
			work = payloads.read(payload, handler.type());
		}
		catch (RuntimeException unreadable) {
			log.error("Work item {} on {} cannot be read and is parked: {}", item, channel, unreadable.toString());
			settlement.park(DeadLetter.Reason.UNREADABLE, "unreadable: " + unreadable.getMessage(), attempt);
			meters.counter("switchboard.work.failed", "channel", channel).increment();
			return PARKED;
		}
		try {
			handler.handle(work);
			settlement.complete();
			meters.counter("switchboard.work.completed", "channel", channel).increment();
			return COMPLETED;
		}
		catch (RetryLater retry) {
			log.info("Work item {} on {} meets an outage (attempt {}): {}", item, channel, attempt,
					retry.getMessage());
			Duration delay = retry.delay().orElseGet(() -> settings.backoff(attempt));
			return retryOrPark(handler, work, item, attempt, settlement, retry.getMessage(), delay,
					Instant.now().plus(delay).isAfter(publishedAt.plus(settings.retryFor())));
		}
		catch (RuntimeException failure) {
			Duration delay = settings.backoff(attempt);
			if (Outages.isOutage(failure)) {
				log.warn("Work item {} on {} meets a database outage (attempt {}): {}", item, channel, attempt,
						failure.toString());
				return retryOrPark(handler, work, item, attempt, settlement, failure.toString(), delay,
						Instant.now().plus(delay).isAfter(publishedAt.plus(settings.retryFor())));
			}
			log.warn("Work item {} on {} failed (attempt {}): {}", item, channel, attempt, failure.toString());
			return retryOrPark(handler, work, item, attempt, settlement, failure.toString(), delay,
					attempt >= settings.maxAttempts());
		}
		finally {
			MDC.clear();
		}
	}

	private <T> Outcome retryOrPark(WorkHandler<T> handler, T work, String item, int attempt, Settlement settlement,
			@Nullable String reason, Duration delay, boolean giveUp) {
		String channel = handler.channel();
		if (!giveUp) {
			settlement.retry(delay, reason);
			meters.counter("switchboard.work.retried", "channel", channel).increment();
			return new Outcome.Retry(delay);
		}
		settlement.park(DeadLetter.Reason.GAVE_UP, reason, attempt);
		meters.counter("switchboard.work.failed", "channel", channel).increment();
		log.error("Work item {} on {} is given up and dead-lettered: {}", item, channel, reason);
		try {
			handler.exhausted(work, reason == null ? "unknown" : reason);
		}
		catch (RuntimeException e) {
			log.error("Handler of {} could not record the failure of item {}: {}", channel, item, e.toString());
		}
		return PARKED;
	}
}

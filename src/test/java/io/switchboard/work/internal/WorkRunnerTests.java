package io.switchboard.work.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.work.RetryLater;
import io.switchboard.work.WorkHandler;
import io.switchboard.work.internal.WorkRunner.Outcome;
import io.switchboard.work.internal.WorkRunner.Settlement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessResourceFailureException;

import tools.jackson.databind.json.JsonMapper;

/**
 * The attempt logic both transports share: what success, an outage ({@link RetryLater} or the database), other
 * failures, the end of the retry period and an unreadable payload lead to, and what is counted.
 */
class WorkRunnerTests {

	private static final String WORK = "{\"text\":\"hello\"}";

	private static final Instant JUST_NOW = Instant.now();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	private final WorkSettings settings = new WorkSettings(null, null, 0, 0, Duration.ofHours(1), 3,
			Duration.ofSeconds(1), Duration.ofSeconds(4), null, null, null);
	private final WorkRunner runner = new WorkRunner(new WorkPayloads(JsonMapper.builder().build()), settings, meters);
	private final RecordingSettlement settlement = new RecordingSettlement();

	record Note(String text) {}

	@Test
	void successCompletesTheItem() {
		Handler handler = new Handler(note -> assertThat(note.text()).isEqualTo("hello"));
		assertThat(runner.attempt(handler, "1", WORK, 1, JUST_NOW, settlement)).isInstanceOf(Outcome.Completed.class);
		assertThat(settlement.calls).containsExactly("complete");
		assertThat(count("completed")).isEqualTo(1);
	}

	@Test
	void anOutageIsRetriedAfterTheDelayThePlatformAskedFor() {
		Handler later = new Handler(note -> {
			throw new RetryLater("busy", Duration.ofSeconds(30));
		});
		assertThat(runner.attempt(later, "1", WORK, 1, JUST_NOW, settlement))
			.isEqualTo(new Outcome.Retry(Duration.ofSeconds(30)));
		assertThat(settlement.calls).containsExactly("retry PT30S busy");
		assertThat(count("retried")).isEqualTo(1);
	}

	@Test
	void anOutageWithoutRetryAfterBacksOffExponentiallyWithJitterUpToTheMaximum() {
		Handler unavailable = new Handler(note -> {
			throw new RetryLater("503", null);
		});
		Outcome.Retry first = (Outcome.Retry) runner.attempt(unavailable, "1", WORK, 1, JUST_NOW, settlement);
		assertThat(first.delay()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		Outcome.Retry second = (Outcome.Retry) runner.attempt(unavailable, "1", WORK, 2, JUST_NOW, settlement);
		assertThat(second.delay()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
		for (int attempt = 3; attempt < 60; attempt++) {
			assertThat(settings.backoff(attempt)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
		}
	}

	@Test
	void anOutageIsRetriedFarBeyondTheAttemptLimitWhileTheRetryPeriodLasts() {
		Handler unavailable = new Handler(note -> {
			throw new RetryLater("Genesys unavailable", null);
		});
		assertThat(runner.attempt(unavailable, "1", WORK, 500, JUST_NOW.minus(Duration.ofMinutes(50)), settlement))
			.isInstanceOf(Outcome.Retry.class);
		assertThat(unavailable.exhausted).isEmpty();
	}

	@Test
	void anOutageIsGivenUpOnceTheRetryPeriodHasPassed() {
		Handler unavailable = new Handler(note -> {
			throw new RetryLater("Genesys unavailable", null);
		});
		assertThat(runner.attempt(unavailable, "1", WORK, 2, JUST_NOW.minus(Duration.ofMinutes(61)), settlement))
			.isInstanceOf(Outcome.Parked.class);
		assertThat(unavailable.exhausted).containsExactly("Genesys unavailable");
		assertThat(count("failed")).isEqualTo(1);
	}

	@Test
	void aDatabaseOutageIsRetriedLikeAPlatformOutage() {
		Handler databaseDown = new Handler(note -> {
			throw new DataAccessResourceFailureException("terminating connection due to administrator command");
		});
		assertThat(runner.attempt(databaseDown, "1", WORK, 50, JUST_NOW, settlement))
			.isInstanceOf(Outcome.Retry.class);
		assertThat(databaseDown.exhausted).isEmpty();
	}

	@Test
	void otherFailuresAreRetriedUpToTheAttemptLimitThenParkedAndTheHandlerToldOnce() {
		Handler failing = new Handler(note -> {
			throw new IllegalStateException("boom");
		});
		assertThat(runner.attempt(failing, "1", WORK, 2, JUST_NOW, settlement)).isInstanceOf(Outcome.Retry.class);
		assertThat(runner.attempt(failing, "1", WORK, 3, JUST_NOW, settlement)).isInstanceOf(Outcome.Parked.class);
		assertThat(settlement.calls).last().isEqualTo("park java.lang.IllegalStateException: boom");
		assertThat(settlement.parkedAs).containsExactly("GAVE_UP after 3");
		assertThat(failing.exhausted).containsExactly("java.lang.IllegalStateException: boom");
		assertThat(count("failed")).isEqualTo(1);
	}

	@Test
	void aHandlerThatCannotRecordTheFailureDoesNotBreakTheRunner() {
		Handler failing = new Handler(note -> {
			throw new IllegalStateException("still broken");
		}) {
			@Override
			public void exhausted(Note work, String reason) {
				throw new IllegalStateException("ledger down");
			}
		};
		assertThat(runner.attempt(failing, "1", WORK, 3, JUST_NOW, settlement)).isInstanceOf(Outcome.Parked.class);
		assertThat(settlement.calls).containsExactly("park java.lang.IllegalStateException: still broken");
	}

	@Test
	void anUnreadablePayloadIsParkedAtOnceWithoutCallingTheHandler() {
		Handler handler = new Handler(note -> {
			throw new AssertionError("must not be called");
		});
		assertThat(runner.attempt(handler, "1", "{not json", 1, JUST_NOW, settlement))
			.isInstanceOf(Outcome.Parked.class);
		assertThat(settlement.calls).singleElement().asString().startsWith("park unreadable: ");
		assertThat(settlement.parkedAs).containsExactly("UNREADABLE after 1");
		assertThat(handler.exhausted).isEmpty();
		assertThat(count("failed")).isEqualTo(1);
	}

	@Test
	void theHandlersLogContextIsClearedAfterEachAttempt() {
		Handler handler = new Handler(note -> MDC.put("tenant", "acme"));
		runner.attempt(handler, "1", WORK, 1, JUST_NOW, settlement);
		assertThat(MDC.get("tenant")).isNull();
	}

	private double count(String outcome) {
		var counter = meters.find("switchboard.work." + outcome).tag("channel", "notes").counter();
		return counter == null ? 0 : counter.count();
	}

	static class Handler implements WorkHandler<Note> {

		final List<String> exhausted = new ArrayList<>();
		private final Consumer<Note> behaviour;

		Handler(Consumer<Note> behaviour) {
			this.behaviour = behaviour;
		}

		@Override
		public String channel() {
			return "notes";
		}

		@Override
		public Class<Note> type() {
			return Note.class;
		}

		@Override
		public void handle(Note work) {
			behaviour.accept(work);
		}

		@Override
		public void exhausted(Note work, String reason) {
			exhausted.add(reason);
		}
	}

	static class RecordingSettlement implements Settlement {

		final List<String> calls = new ArrayList<>();
		final List<String> parkedAs = new ArrayList<>();

		@Override
		public void complete() {
			calls.add("complete");
		}

		@Override
		public void retry(Duration delay, @Nullable String reason) {
			calls.add("retry " + delay + " " + reason);
		}

		@Override
		public void park(DeadLetter.Reason why, @Nullable String reason, int attempts) {
			calls.add("park " + reason);
			parkedAs.add(why + " after " + attempts);
		}
	}
}

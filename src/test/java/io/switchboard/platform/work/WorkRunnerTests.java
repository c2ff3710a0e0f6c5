package io.switchboard.platform.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.platform.RetryLater;
import io.switchboard.platform.WorkHandler;
import io.switchboard.platform.work.WorkRunner.Outcome;
import io.switchboard.platform.work.WorkRunner.Settlement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import tools.jackson.databind.json.JsonMapper;

/**
 * The attempt logic both transports share: what success, {@link RetryLater}, other failures, the last attempt and an
 * unreadable payload lead to, and what is counted.
 */
class WorkRunnerTests {

	private static final String WORK = "{\"text\":\"hello\"}";

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	private final WorkSettings settings = new WorkSettings(null, null, 0, 0, 3, Duration.ofSeconds(1),
			Duration.ofSeconds(3), null);
	private final WorkRunner runner = new WorkRunner(JsonMapper.builder().build(), settings, meters);
	private final RecordingSettlement settlement = new RecordingSettlement();

	record Note(String text) {}

	@Test
	void successCompletesTheItem() {
		Handler handler = new Handler(note -> assertThat(note.text()).isEqualTo("hello"));
		assertThat(runner.attempt(handler, "1", WORK, 1, settlement)).isInstanceOf(Outcome.Completed.class);
		assertThat(settlement.calls).containsExactly("complete");
		assertThat(count("completed")).isEqualTo(1);
	}

	@Test
	void retryLaterIsRetriedAfterItsDelayButNotSoonerThanTheInitialBackoff() {
		Handler later = new Handler(note -> {
			throw new RetryLater("busy", Duration.ofSeconds(30));
		});
		assertThat(runner.attempt(later, "1", WORK, 1, settlement)).isEqualTo(new Outcome.Retry(Duration.ofSeconds(30)));
		Handler soon = new Handler(note -> {
			throw new RetryLater("busy", Duration.ZERO);
		});
		assertThat(runner.attempt(soon, "2", WORK, 1, settlement)).isEqualTo(new Outcome.Retry(Duration.ofSeconds(1)));
		assertThat(settlement.calls).containsExactly("retry PT30S busy", "retry PT1S busy");
		assertThat(count("retried")).isEqualTo(2);
	}

	@Test
	void otherFailuresBackOffExponentiallyUpToTheMaximum() {
		Handler failing = new Handler(note -> {
			throw new IllegalStateException("boom");
		});
		assertThat(runner.attempt(failing, "1", WORK, 1, settlement)).isEqualTo(new Outcome.Retry(Duration.ofSeconds(1)));
		assertThat(runner.attempt(failing, "1", WORK, 2, settlement)).isEqualTo(new Outcome.Retry(Duration.ofSeconds(2)));
		assertThat(settings.backoff(3)).isEqualTo(Duration.ofSeconds(3));
		assertThat(failing.exhausted).isEmpty();
	}

	@Test
	void theLastFailedAttemptParksTheItemAndTellsTheHandlerOnce() {
		Handler failing = new Handler(note -> {
			throw new IllegalStateException("boom");
		});
		assertThat(runner.attempt(failing, "1", WORK, 3, settlement)).isInstanceOf(Outcome.Parked.class);
		assertThat(settlement.calls).containsExactly("park java.lang.IllegalStateException: boom");
		assertThat(failing.exhausted).containsExactly("java.lang.IllegalStateException: boom");
		assertThat(count("failed")).isEqualTo(1);
		assertThat(count("retried")).isZero();
	}

	@Test
	void aHandlerThatCannotRecordTheFailureDoesNotBreakTheRunner() {
		Handler failing = new Handler(note -> {
			throw new RetryLater("still busy", Duration.ZERO);
		}) {
			@Override
			public void exhausted(Note work, String reason) {
				throw new IllegalStateException("ledger down");
			}
		};
		assertThat(runner.attempt(failing, "1", WORK, 3, settlement)).isInstanceOf(Outcome.Parked.class);
		assertThat(settlement.calls).containsExactly("park still busy");
	}

	@Test
	void anUnreadablePayloadIsParkedAtOnceWithoutCallingTheHandler() {
		Handler handler = new Handler(note -> {
			throw new AssertionError("must not be called");
		});
		assertThat(runner.attempt(handler, "1", "{not json", 1, settlement)).isInstanceOf(Outcome.Parked.class);
		assertThat(settlement.calls).singleElement().asString().startsWith("park unreadable: ");
		assertThat(handler.exhausted).isEmpty();
		assertThat(count("failed")).isEqualTo(1);
	}

	@Test
	void theHandlersLogContextIsClearedAfterEachAttempt() {
		Handler handler = new Handler(note -> MDC.put("tenant", "acme"));
		runner.attempt(handler, "1", WORK, 1, settlement);
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

		@Override
		public void complete() {
			calls.add("complete");
		}

		@Override
		public void retry(Duration delay, @Nullable String reason) {
			calls.add("retry " + delay + " " + reason);
		}

		@Override
		public void park(@Nullable String reason) {
			calls.add("park " + reason);
		}
	}
}

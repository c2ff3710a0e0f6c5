package io.switchboard.platform.http;

import static org.assertj.core.api.Assertions.*;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PlatformHttpTests {

	static final URI ENDPOINT = URI.create("https://api.example.com/v1/things");
	static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");
	static final HttpSettings SETTINGS = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), 3,
			new Backoff(Duration.ofMillis(100), Duration.ofMillis(300)), Duration.ofSeconds(10));

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	final Deque<Object> script = new ArrayDeque<>();
	final List<HttpRequest> sent = new ArrayList<>();
	final List<Duration> pauses = new ArrayList<>();
	final List<String> gate = new ArrayList<>();

	PlatformHttp http = core(SETTINGS);

	@Test
	void returnsTheValueOfTheFirstSuccessfulAttempt() {
		script.add(answer(200, "done"));

		assertThat(http.call(call())).isEqualTo("done");
		assertThat(sent).singleElement().satisfies(request -> {
			assertThat(request.uri()).isEqualTo(ENDPOINT);
			assertThat(request.timeout()).contains(Duration.ofSeconds(3));
		});
		assertThat(pauses).isEmpty();
		assertThat(timer("success")).isEqualTo(1);
	}

	@Test
	void repeatsPassingTroubleAfterTheJitteredBackoff() {
		script.add(answer(503, ""));
		script.add(answer(503, ""));
		script.add(answer(200, "done"));

		assertThat(http.call(call())).isEqualTo("done");
		assertThat(sent).hasSize(3);
		assertThat(pauses).as("half the ceiling: 100 ms, then 200 ms").containsExactly(Duration.ofMillis(50),
				Duration.ofMillis(100));
		assertThat(timer("retried")).isEqualTo(2);
		assertThat(timer("success")).isEqualTo(1);
	}

	@Test
	void waitsTheRetryAfterWhenItIsLongerThanTheBackoff() {
		script.add(answer(503, "", Map.of("Retry-After", "2")));
		script.add(answer(503, "", Map.of("Retry-After", "Wed, 21 Oct 2026 07:27:00 GMT")));
		script.add(answer(200, "done"));

		http.call(call());

		assertThat(pauses).as("2 s asked; a date in the past asks for nothing, the backoff applies")
			.containsExactly(Duration.ofSeconds(2), Duration.ofMillis(100));
	}

	@Test
	void handsBackOnceTheAttemptsAreSpent() {
		for (int i = 0; i < 5; i++) {
			script.add(answer(503, "", Map.of("Retry-After", "1")));
		}

		assertThatExceptionOfType(HandedBack.class).isThrownBy(() -> http.call(call()))
			.satisfies(failure -> assertThat(failure.handBack)
				.isEqualTo(new HandBack(HandBack.Reason.ATTEMPTS_SPENT, 3, Duration.ofSeconds(1))));
		assertThat(sent).hasSize(SETTINGS.maxAttempts());
		assertThat(pauses).hasSize(SETTINGS.maxAttempts() - 1);
		assertThat(timer("retried")).isEqualTo(2);
		assertThat(timer("handed-back")).isEqualTo(1);
	}

	@Test
	void handsBackAtOnceWhenAskedToWaitLongerThanTheSettingsWaitInPlace() {
		script.add(answer(429, "", Map.of("Retry-After", "11")));

		assertThatExceptionOfType(HandedBack.class).isThrownBy(() -> http.call(call()))
			.satisfies(failure -> assertThat(failure.handBack)
				.isEqualTo(new HandBack(HandBack.Reason.WAIT_TOO_LONG, 1, Duration.ofSeconds(11))));
		assertThat(sent).hasSize(1);
		assertThat(pauses).isEmpty();
	}

	@Test
	void throwsAGiveUpAtOnceWithItsOutcome() {
		script.add(answer(400, "bad"));

		assertThatExceptionOfType(Refused.class).isThrownBy(() -> http.call(call()))
			.withMessage("refused: bad");
		assertThat(sent).hasSize(1);
		assertThat(pauses).isEmpty();
		assertThat(timer("refused")).isEqualTo(1);
	}

	@Test
	void repeatsARepeatAtOnceWithoutCountingAFailedAttempt() {
		script.add(answer(401, ""));
		script.add(answer(503, ""));
		script.add(answer(503, ""));
		script.add(answer(503, ""));

		assertThatExceptionOfType(HandedBack.class).isThrownBy(() -> http.call(call()))
			.satisfies(failure -> assertThat(failure.handBack.attempts()).isEqualTo(3));
		assertThat(sent).hasSize(4);
		assertThat(pauses).hasSize(2);
		assertThat(timer("retried")).isEqualTo(3);
	}

	@Test
	void refusesToRepeatForever() {
		for (int i = 0; i < 10; i++) {
			script.add(answer(401, ""));
		}

		assertThatIllegalStateException().isThrownBy(() -> http.call(call())).withMessageContaining("repeated");
		assertThat(sent).hasSize(SETTINGS.maxAttempts() + 1);
	}

	@Test
	void asksTheDecoderAboutRequestsThatGotNoAnswer() {
		script.add(new ConnectException("refused"));
		script.add(answer(200, "done"));

		assertThat(http.call(call())).isEqualTo("done");
		assertThat(timer("retried")).isEqualTo(1);
	}

	@Test
	void asksTheDecoderAboutRequestsThatCouldNotBeBuilt() {
		Call<String> call = Call.of("fetch", "tenant acme", attempt -> {
			if (attempt == 1) {
				throw new IllegalStateException("no token yet");
			}
			return HttpRequest.newBuilder(ENDPOINT);
		}, new Decoder());
		script.add(answer(200, "done"));

		assertThat(http.call(call)).isEqualTo("done");
		assertThat(sent).hasSize(1);
		assertThat(pauses).hasSize(1);
	}

	@Test
	void rethrowsBuildFailuresByDefault() {
		ErrorDecoder<String> plain = new ErrorDecoder<>() {

			@Override
			public Verdict<String> decode(Answer answer) {
				return new Verdict.Success<>("", Verdict.SUCCESS);
			}

			@Override
			public Verdict<String> unanswered(IOException failure) {
				return new Verdict.Retry<>("no answer", null, HandedBack::new);
			}

			@Override
			public RuntimeException interrupted(@Nullable Duration wait) {
				return new Interrupted(wait);
			}
		};

		assertThatIllegalStateException().isThrownBy(() -> http.call(Call.of("fetch", "tenant acme", attempt -> {
			throw new IllegalStateException("broken");
		}, plain))).withMessage("broken");
	}

	@Test
	void entersTheGateForEveryAttemptAndEndsEachTurn() {
		script.add(new ConnectException("refused"));
		script.add(answer(200, "done"));

		http.call(call().gatedBy(attempt -> {
			gate.add("enter " + attempt);
			return () -> gate.add("leave " + attempt);
		}));

		assertThat(gate).containsExactly("enter 1", "leave 1", "enter 2", "leave 2");
	}

	@Test
	void handsTheDecodersFailureBackWhenInterruptedWhileWaiting() {
		http = PlatformHttp.builder("example", "Example", meters)
			.settings(SETTINGS)
			.handBackOutcome("handed-back")
			.transport(this::send)
			.pause(duration -> {
				throw new InterruptedException();
			})
			.random(() -> 0.5)
			.build();
		script.add(answer(503, ""));

		try {
			assertThatExceptionOfType(Interrupted.class).isThrownBy(() -> http.call(call()))
				.satisfies(failure -> assertThat(failure.wait).isEqualTo(Duration.ofMillis(50)));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void timesEveryAttemptUnderThePlatformsName() {
		script.add(answer(503, ""));
		script.add(answer(200, "done"));

		http.call(call());

		assertThat(PlatformHttp.metricName("example")).isEqualTo("switchboard.example.requests");
		assertThat(meters.find("switchboard.example.requests").timers()).hasSize(2)
			.allSatisfy(timer -> assertThat(timer.getId().getDescription()).isEqualTo("Requests to Example"));
	}

	PlatformHttp core(HttpSettings settings) {
		return PlatformHttp.builder("example", "Example", meters)
			.settings(settings)
			.handBackOutcome("handed-back")
			.transport(this::send)
			.pause(pauses::add)
			.random(() -> 0.5)
			.build();
	}

	Answer send(HttpRequest request) throws IOException {
		sent.add(request);
		Object next = script.removeFirst();
		if (next instanceof IOException failure) {
			throw failure;
		}
		return (Answer) next;
	}

	static Call<String> call() {
		return Call.of("fetch", "tenant acme", attempt -> HttpRequest.newBuilder(ENDPOINT), new Decoder());
	}

	static Answer answer(int status, String body) {
		return answer(status, body, Map.of());
	}

	static Answer answer(int status, String body, Map<String, String> headers) {
		Map<String, List<String>> values = new java.util.HashMap<>();
		headers.forEach((name, value) -> values.put(name, List.of(value)));
		return new Answer(status, HttpHeaders.of(values, (name, value) -> true),
				body.getBytes(StandardCharsets.UTF_8), NOW);
	}

	long timer(String outcome) {
		Timer timer = meters.find("switchboard.example.requests").tags("operation", "fetch", "outcome", outcome).timer();
		return timer == null ? 0 : timer.count();
	}

	/**
	 * A platform whose 2xx answers carry the value, 401 asks for a repeat, 429 and 5xx are passing trouble and other
	 * answers refuse the call.
	 */
	static class Decoder implements ErrorDecoder<String> {

		@Override
		public Verdict<String> decode(Answer answer) {
			String body = new String(answer.body(), StandardCharsets.UTF_8);
			if (answer.successful()) {
				return new Verdict.Success<>(body, Verdict.SUCCESS);
			}
			if (answer.status() == 401) {
				return new Verdict.Repeat<>("token refused");
			}
			if (answer.status() == 429 || answer.status() >= 500) {
				return new Verdict.Retry<>("answered " + answer.status(), answer.retryAfter(), HandedBack::new);
			}
			return new Verdict.GiveUp<>(new Refused("refused: " + body), "refused");
		}

		@Override
		public Verdict<String> unanswered(IOException failure) {
			return new Verdict.Retry<>("no answer", null, HandedBack::new);
		}

		@Override
		public Verdict<String> notSent(RuntimeException failure) {
			return new Verdict.Retry<>("not sent", null, HandedBack::new);
		}

		@Override
		public RuntimeException interrupted(@Nullable Duration wait) {
			return new Interrupted(wait);
		}
	}

	static final class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}
	}

	static final class HandedBack extends RuntimeException {

		final HandBack handBack;

		HandedBack(HandBack handBack) {
			super(handBack.toString());
			this.handBack = handBack;
		}
	}

	static final class Interrupted extends RuntimeException {

		final @Nullable Duration wait;

		Interrupted(@Nullable Duration wait) {
			this.wait = wait;
		}
	}
}

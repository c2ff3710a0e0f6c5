package io.switchboard.platform.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempt loop one platform's calls go through, over the JDK {@link HttpClient}. For each attempt of a
 * {@link Call} it waits at the call's {@link AttemptGate}, sends the request with the settings' time-out, has the
 * platform's {@link ErrorDecoder} judge the answer and acts on the {@link Verdict}:
 * <ul>
 * <li>{@link Verdict.Success}: returns the value.</li>
 * <li>{@link Verdict.GiveUp}: throws the platform's failure at once.</li>
 * <li>{@link Verdict.Repeat}: repeats at once, without counting a failed attempt.</li>
 * <li>{@link Verdict.Retry}: waits the {@link Backoff} (full jitter), or the {@code Retry-After} if that is longer, and
 * repeats; hands the call back (the verdict's failure) when {@link HttpSettings#maxAttempts()} attempts failed or the
 * platform asked to wait longer than {@link HttpSettings#maxRetryAfterWait()}.</li>
 * </ul>
 * Every attempt is timed under {@code switchboard.<platform>.requests} with the tags {@code operation} and
 * {@code outcome} ({@value Verdict#SUCCESS}, {@value Verdict#RETRIED}, the hand-back outcome, or the decoder's own).
 */
public final class PlatformHttp {

	private static final Logger log = LoggerFactory.getLogger(PlatformHttp.class);

	/**
	 * Sends one request; the JDK {@link HttpClient} outside tests.
	 */
	@FunctionalInterface
	public interface Transport {

		/**
		 * @return the answer, whatever its status.
		 * @throws IOException when there was no answer.
		 */
		Answer send(HttpRequest request) throws IOException, InterruptedException;
	}

	/**
	 * Waits between attempts; {@link Thread#sleep(Duration)} outside tests.
	 */
	@FunctionalInterface
	public interface Pause {

		void sleep(Duration duration) throws InterruptedException;
	}

	private final String platform;
	private final String metric;
	private final String handBackOutcome;
	private final HttpSettings settings;
	private final MeterRegistry meters;
	private final Transport transport;
	private final Pause pause;
	private final DoubleSupplier random;

	private PlatformHttp(Builder builder) {
		this.platform = builder.displayName;
		this.metric = metricName(builder.platform);
		this.handBackOutcome = builder.handBackOutcome;
		this.settings = Objects.requireNonNull(builder.settings, "settings");
		this.meters = builder.meters;
		this.pause = builder.pause;
		this.random = builder.random;
		this.transport = builder.transport != null ? builder.transport : jdk(settings, builder.clock);
	}

	/**
	 * @param platform the platform's name in metric names, lower case (for example {@code whatsapp}).
	 * @param displayName the platform's name in logs and the metric's description (for example {@code WhatsApp}).
	 */
	public static Builder builder(String platform, String displayName, MeterRegistry meters) {
		return new Builder(platform, displayName, meters);
	}

	/**
	 * @return the name of the timer a platform's requests are recorded under.
	 */
	public static String metricName(String platform) {
		return "switchboard." + platform + ".requests";
	}

	/**
	 * Makes a call, repeating it as its verdicts say.
	 *
	 * @return the value of the successful attempt.
	 * @throws RuntimeException the platform's failure: the decoder's, or the hand-back a retry verdict built.
	 */
	public <T> T call(Call<T> call) {
		ErrorDecoder<T> decoder = call.decoder();
		int failures = 0;
		int repeats = 0;
		for (int attempt = 1;; attempt++) {
			AttemptGate.Turn turn;
			try {
				turn = call.gate().enter(attempt);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw decoder.interrupted(null);
			}
			Timer.Sample sample = Timer.start(meters);
			Verdict<T> verdict;
			try {
				verdict = attempt(call, attempt);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				record(sample, call, handBackOutcome);
				throw decoder.interrupted(null);
			}
			finally {
				turn.close();
			}

			switch (verdict) {
				case Verdict.Success<T> success -> {
					record(sample, call, success.outcome());
					return success.value();
				}
				case Verdict.GiveUp<T> giveUp -> {
					record(sample, call, giveUp.outcome());
					throw giveUp.failure();
				}
				case Verdict.Repeat<T> repeat -> {
					if (++repeats > settings.maxAttempts()) {
						throw new IllegalStateException(platform + " " + call.operation() + " repeated " + repeats
								+ " times without failing: " + repeat.problem());
					}
					record(sample, call, repeat.outcome());
					log.info("{} {} for {}: {}; repeating", platform, call.operation(), call.subject(),
							repeat.problem());
				}
				case Verdict.Retry<T> retry -> {
					failures++;
					Duration retryAfter = retry.retryAfter();
					HandBack.Reason stop = retryAfter != null && retryAfter.compareTo(settings.maxRetryAfterWait()) > 0
							? HandBack.Reason.WAIT_TOO_LONG
							: failures >= settings.maxAttempts() ? HandBack.Reason.ATTEMPTS_SPENT : null;
					if (stop != null) {
						record(sample, call, handBackOutcome);
						log.warn("{} {} for {}: {}; handing back after {} attempts{}", platform, call.operation(),
								call.subject(), retry.problem(), failures,
								retryAfter == null ? "" : ", asked to wait " + retryAfter.toMillis() + " ms");
						throw retry.handBack().apply(new HandBack(stop, failures, retryAfter));
					}
					record(sample, call, retry.outcome());
					Duration delay = delay(failures, retryAfter);
					log.info("{} {} for {}: {}; retrying in {} ms", platform, call.operation(), call.subject(),
							retry.problem(), delay.toMillis());
					try {
						pause.sleep(delay);
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
						throw decoder.interrupted(delay);
					}
				}
			}
		}
	}

	/**
	 * @return the wait before the next attempt: the jittered backoff, or the {@code Retry-After} if that is longer.
	 */
	Duration delay(int failures, @Nullable Duration retryAfter) {
		Duration backoff = settings.backoff().delay(failures, random.getAsDouble());
		return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
	}

	private <T> Verdict<T> attempt(Call<T> call, int attempt) throws InterruptedException {
		HttpRequest request;
		try {
			request = call.request().create(attempt).timeout(settings.requestTimeout()).build();
		}
		catch (RuntimeException e) {
			return call.decoder().notSent(e);
		}
		Answer answer;
		try {
			answer = transport.send(request);
		}
		catch (IOException e) {
			return call.decoder().unanswered(e);
		}
		return call.decoder().decode(answer);
	}

	private void record(Timer.Sample sample, Call<?> call, String outcome) {
		sample.stop(Timer.builder(metric)
			.description("Requests to " + platform)
			.tag("operation", call.operation())
			.tag("outcome", outcome)
			.register(meters));
	}

	private static Transport jdk(HttpSettings settings, Clock clock) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
		return request -> {
			var response = http.send(request, BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers(), response.body(), clock.instant());
		};
	}

	/**
	 * Builds a {@link PlatformHttp}.
	 */
	public static final class Builder {

		private final String platform;
		private final String displayName;
		private final MeterRegistry meters;
		private String handBackOutcome = "retry-later";
		private @Nullable HttpSettings settings;
		private @Nullable Transport transport;
		private Clock clock = Clock.systemUTC();
		private Pause pause = Thread::sleep;
		private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

		private Builder(String platform, String displayName, MeterRegistry meters) {
			this.platform = platform;
			this.displayName = displayName;
			this.meters = meters;
		}

		public Builder settings(HttpSettings settings) {
			this.settings = settings;
			return this;
		}

		/**
		 * @param outcome the outcome tag of an attempt after which the call is handed back; {@code retry-later} unless
		 *        set.
		 */
		public Builder handBackOutcome(String outcome) {
			this.handBackOutcome = outcome;
			return this;
		}

		/**
		 * @param transport sends requests instead of the JDK client (tests).
		 */
		public Builder transport(Transport transport) {
			this.transport = transport;
			return this;
		}

		/**
		 * @param clock stamps answers, for an HTTP-date {@code Retry-After}.
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		public Builder pause(Pause pause) {
			this.pause = pause;
			return this;
		}

		/**
		 * @param random numbers in {@code [0, 1)} for the jitter.
		 */
		public Builder random(DoubleSupplier random) {
			this.random = random;
			return this;
		}

		public PlatformHttp build() {
			return new PlatformHttp(this);
		}
	}
}

package io.switchboard.sandbox.genesys;

import io.switchboard.sandbox.SandboxScheduler;
import io.switchboard.sandbox.SandboxSettings;
import io.switchboard.sandbox.SandboxUrls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Posts Genesys Cloud's outbound webhooks to the application ({@code /webhook/genesys/outbound}) the way Genesys
 * does: the signed body, a 10-second budget for the answer, and when the answer is 429 or 5xx or does not come in
 * time, up to {@link SandboxSettings#genesysWebhookRetries()} repetitions of the same body,
 * {@link SandboxSettings#genesysWebhookRetryInterval()} apart. Any other answer is final. Attempts run on the
 * {@link SandboxScheduler}.
 */
@Component
class GenesysWebhookDelivery {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(GenesysWebhookDelivery.class);

	private final URI target;
	private final Duration interval;
	private final int retries;
	private final Duration timeout;
	private final SandboxScheduler scheduler;
	private final Runnable onCall;
	private final Clock clock;
	private final HttpClient http;

	@Autowired
	GenesysWebhookDelivery(SandboxSettings settings, SandboxUrls urls, SandboxScheduler scheduler,
			GenesysStats stats) {
		this(urls.resolve("/webhook/genesys/outbound"), settings.genesysWebhookRetryInterval(),
				settings.genesysWebhookRetries(), TIMEOUT, scheduler, stats.webhookCalls::incrementAndGet);
	}

	GenesysWebhookDelivery(URI target, Duration interval, int retries, Duration timeout, SandboxScheduler scheduler,
			Runnable onCall) {
		this.target = target;
		this.interval = interval;
		this.retries = retries;
		this.timeout = timeout;
		this.scheduler = scheduler;
		this.onCall = onCall;
		this.clock = Clock.systemUTC();
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5)).build();
	}

	/**
	 * One call of the webhook.
	 *
	 * @param at when it was made.
	 * @param status the HTTP status the application answered with; {@literal null} if it did not answer.
	 * @param error why it did not answer.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Attempt(Instant at, @Nullable Integer status, @Nullable String error) {

		boolean retryable() {
			return status == null || status == 429 || status >= 500;
		}
	}

	/**
	 * Posts the body until the application accepts or refuses it for good, or the retries run out.
	 *
	 * @param onAttempt told about each attempt as it ends.
	 * @return every attempt, the last one deciding.
	 */
	CompletableFuture<List<Attempt>> deliver(byte[] body, String signature, Consumer<Attempt> onAttempt) {
		CompletableFuture<List<Attempt>> done = new CompletableFuture<>();
		attempt(body, signature, onAttempt, new ArrayList<>(), done, Duration.ZERO);
		return done;
	}

	private void attempt(byte[] body, String signature, Consumer<Attempt> onAttempt, List<Attempt> attempts,
			CompletableFuture<List<Attempt>> done, Duration delay) {
		scheduler.schedule(delay, () -> {
			try {
				Attempt attempt = call(body, signature);
				attempts.add(attempt);
				onAttempt.accept(attempt);
				if (attempt.retryable() && attempts.size() <= retries) {
					log.debug("Genesys simulator: webhook attempt {} answered {}; repeating in {} ms",
							attempts.size(), attempt.status() == null ? attempt.error() : attempt.status(),
							interval.toMillis());
					attempt(body, signature, onAttempt, attempts, done, interval);
				}
				else {
					done.complete(List.copyOf(attempts));
				}
			}
			catch (RuntimeException e) {
				done.completeExceptionally(e);
			}
		});
	}

	private Attempt call(byte[] body, String signature) {
		onCall.run();
		Instant at = clock.instant();
		try {
			HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target)
					.timeout(timeout)
					.header("Content-Type", "application/json")
					.header("X-Hub-Signature-256", signature)
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build(), HttpResponse.BodyHandlers.discarding());
			return new Attempt(at, response.statusCode(), null);
		}
		catch (HttpTimeoutException e) {
			return new Attempt(at, null, "no answer within " + timeout.toMillis() + " ms");
		}
		catch (IOException e) {
			return new Attempt(at, null, "could not reach " + target + ": " + e.getClass().getSimpleName());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Attempt(at, null, "interrupted while calling " + target);
		}
	}
}

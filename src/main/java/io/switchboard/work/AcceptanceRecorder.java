package io.switchboard.work;

import io.switchboard.platform.Outages;
import io.switchboard.work.internal.WorkSettings;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Records what a platform has just accepted (Genesys took a customer's message, WhatsApp took an agent's reply,
 * Genesys took a receipt). Once a platform has accepted something, redoing the work would give it twice, so a
 * database write that meets an {@link Outages#isOutage outage} is retried here, with backoff, for up to
 * {@link WorkSettings#recordRetryFor()}, instead of failing the work item and sending again. Only if the database
 * stays away longer does the failure reach the work channel, and the send may then be repeated: that window is
 * documented in docs/reliability.md.
 */
@Component
public class AcceptanceRecorder {

	private static final Logger log = LoggerFactory.getLogger(AcceptanceRecorder.class);

	private final RetryTemplate retries;

	AcceptanceRecorder(WorkSettings settings) {
		this.retries = new RetryTemplate(RetryPolicy.builder()
				.predicate(Outages::isOutage)
				.maxRetries(Long.MAX_VALUE)
				.delay(Duration.ofMillis(100))
				.multiplier(2)
				.maxDelay(Duration.ofSeconds(5))
				.jitter(Duration.ofMillis(50))
				.timeout(settings.recordRetryFor())
				.build());
	}

	/**
	 * Runs the write, retrying it through a database outage.
	 *
	 * @param what names the write in logs, e.g. {@code "inbound message relayed"}.
	 * @throws RuntimeException the write's last failure, when it did not succeed in time or failed otherwise.
	 */
	public void record(String what, Runnable write) {
		try {
			retries.execute(() -> {
				write.run();
				return null;
			});
		}
		catch (RetryException exhausted) {
			Throwable last = exhausted.getLastException();
			log.error("Could not record that {} ({}); the work will be attempted again and may be sent twice", what,
					last.toString());
			throw last instanceof RuntimeException runtime ? runtime : new IllegalStateException(last);
		}
	}
}

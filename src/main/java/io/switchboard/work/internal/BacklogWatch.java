package io.switchboard.work.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.switchboard.work.WorkHandler;
import io.switchboard.work.internal.WorkBacklog.ChannelBacklog;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Watches the work backlog: the gauges {@code switchboard.work.backlog} (items waiting) and
 * {@code switchboard.work.backlog.oldest} (seconds the oldest has waited) per channel, the {@code workBacklog}
 * health component, and an alert when the oldest item has waited longer than {@link WorkSettings#backlogAlert()}:
 * health {@code WARNING} (answered 200, so that a load balancer keeps a node that is waiting out a platform's outage)
 * and one error in the log when it starts, one line when it ends. Readings are taken at most every two seconds.
 */
@Component("workBacklog")
public class BacklogWatch implements HealthIndicator {

	/** The health status of a backlog older than the alert threshold. */
	public static final Status WARNING = new Status("WARNING", "work has waited longer than the alert threshold");

	private static final Logger log = LoggerFactory.getLogger(BacklogWatch.class);
	private static final long READING_NANOS = TimeUnit.SECONDS.toNanos(2);

	private final WorkBacklog backlog;
	private final WorkSettings settings;
	private volatile Reading last;

	BacklogWatch(WorkBacklog backlog, WorkSettings settings, WorkHandlers handlers, MeterRegistry meters) {
		this.backlog = backlog;
		this.settings = settings;
		this.last = new Reading(Map.of(), System.nanoTime() - 2 * READING_NANOS, false);
		for (WorkHandler<?> handler : handlers.all()) {
			String channel = handler.channel();
			Gauge.builder("switchboard.work.backlog", () -> of(channel).waiting())
				.tag("channel", channel).description("work items waiting").register(meters);
			TimeGauge.builder("switchboard.work.backlog.oldest", () -> {
				Duration oldest = of(channel).oldestWait();
				return oldest == null ? 0 : oldest.toMillis();
			}, TimeUnit.MILLISECONDS).tag("channel", channel).description("how long the oldest waiting item has waited")
				.register(meters);
		}
	}

	/**
	 * @return the backlog of every channel that has one, the longest-waiting first.
	 */
	public List<ChannelBacklog> channels() {
		return reading().channels().values().stream()
			.sorted(Comparator.comparing((ChannelBacklog c) -> c.oldestWait() == null ? Duration.ZERO : c.oldestWait())
				.reversed())
			.toList();
	}

	/**
	 * @return whether the oldest waiting item has waited longer than the alert threshold.
	 */
	public boolean alerting() {
		return reading().alerting();
	}

	@Override
	public Health health() {
		Reading reading = reading();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("alertAfterSeconds", settings.backlogAlert().toSeconds());
		reading.channels().values().forEach(channel -> details.put(channel.channel(), Map.of("waiting",
				channel.waiting(), "oldestWaitSeconds",
				channel.oldestWait() == null ? 0 : channel.oldestWait().toSeconds())));
		return Health.status(reading.alerting() ? WARNING : Status.UP).withDetails(details).build();
	}

	private ChannelBacklog of(String channel) {
		return Optional.ofNullable(reading().channels().get(channel))
			.orElseGet(() -> new ChannelBacklog(channel, 0, null));
	}

	private Reading reading() {
		Reading reading = last;
		if (System.nanoTime() - reading.takenAt() < READING_NANOS) {
			return reading;
		}
		synchronized (this) {
			if (System.nanoTime() - last.takenAt() < READING_NANOS) {
				return last;
			}
			Reading next;
			try {
				Map<String, ChannelBacklog> channels = new LinkedHashMap<>();
				backlog.channels().forEach(channel -> channels.put(channel.channel(), channel));
				next = new Reading(channels, System.nanoTime(), channels.values().stream()
					.anyMatch(channel -> longerThan(channel.oldestWait(), settings.backlogAlert())));
			}
			catch (RuntimeException unreadable) {
				log.warn("The work backlog could not be read: {}", unreadable.toString());
				next = new Reading(last.channels(), System.nanoTime(), last.alerting());
			}
			if (next.alerting() && !last.alerting()) {
				log.error("Work backlog alert: the oldest waiting item has waited longer than {} ({})",
						settings.backlogAlert(), next.channels().values());
			}
			else if (!next.alerting() && last.alerting()) {
				log.info("Work backlog alert over: nothing has waited longer than {}", settings.backlogAlert());
			}
			last = next;
			return next;
		}
	}

	private static boolean longerThan(@Nullable Duration wait, Duration threshold) {
		return wait != null && wait.compareTo(threshold) > 0;
	}

	private record Reading(Map<String, ChannelBacklog> channels, long takenAt, boolean alerting) {}
}

package io.switchboard.media.store;

import java.time.Clock;
import java.time.Duration;

import io.switchboard.media.MediaStore;
import io.switchboard.platform.ClusterOnce;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes the objects stored longer ago than {@code switchboard.media.retention}: a minute after start, then every
 * {@code switchboard.media.sweep-interval}, in one process of the cluster per turn ({@link ClusterOnce}).
 */
class MediaRetention {

	private static final Logger log = LoggerFactory.getLogger(MediaRetention.class);

	private final MediaStore store;
	private final Duration retention;
	private final Clock clock;
	private final ClusterOnce clusterOnce;

	MediaRetention(MediaStore store, Duration retention, Clock clock, ClusterOnce clusterOnce) {
		this.store = store;
		this.retention = retention;
		this.clock = clock;
		this.clusterOnce = clusterOnce;
	}

	/**
	 * Sweeps in one process of the cluster per turn.
	 */
	@Scheduled(initialDelayString = "1m", fixedDelayString = "${switchboard.media.sweep-interval:1h}")
	void scheduledSweep() {
		clusterOnce.run("media-retention", Duration.ofMinutes(30), Duration.ofSeconds(30), this::sweep);
	}

	/**
	 * @return how many objects were deleted.
	 */
	int sweep() {
		try {
			int deleted = store.deleteStoredBefore(clock.instant().minus(retention));
			if (deleted > 0) {
				log.info("Deleted {} media objects stored more than {} ago", deleted, retention);
			}
			return deleted;
		}
		catch (RuntimeException e) {
			log.warn("The media retention sweep failed; it runs again in the next interval", e);
			return 0;
		}
	}
}

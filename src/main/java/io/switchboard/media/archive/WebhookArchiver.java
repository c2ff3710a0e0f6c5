package io.switchboard.media.archive;

import io.switchboard.media.ArchivedWebhooks;
import io.switchboard.media.ArchivedWebhooks.RawWebhook;
import io.switchboard.media.MediaStore;
import io.switchboard.media.StoredMedia;
import io.switchboard.platform.ClusterOnce;
import io.switchboard.platform.Roles;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Copies raw webhook payloads into the media store's webhook buckets, a batch of each source at a time, in worker
 * processes, one of them per round ({@link ClusterOnce}). Copies are content-addressed, so a payload copied twice
 * keeps one object; a copy that fails is tried again on the next round, and nothing is lost meanwhile: the payload
 * stays in PostgreSQL.
 */
@Component
class WebhookArchiver {

	private static final Logger log = LoggerFactory.getLogger(WebhookArchiver.class);
	private static final int BATCH = 200;
	private static final long MAX_PAYLOAD = 16L * 1024 * 1024;
	private static final Duration ROUND = Duration.ofMinutes(5);

	private final List<ArchivedWebhooks> sources;
	private final MediaStore store;
	private final Roles roles;
	private final ClusterOnce clusterOnce;

	WebhookArchiver(List<ArchivedWebhooks> sources, MediaStore store, Roles roles, ClusterOnce clusterOnce) {
		this.sources = sources;
		this.store = store;
		this.roles = roles;
		this.clusterOnce = clusterOnce;
	}

	@Scheduled(initialDelayString = "${switchboard.media.archive-interval:10s}",
			fixedDelayString = "${switchboard.media.archive-interval:10s}")
	void archive() {
		if (roles.worker()) {
			clusterOnce.run("webhook-archiver", Duration.ofMinutes(10), Duration.ZERO, this::archiveBatches);
		}
	}

	/**
	 * Copies batch after batch until a source has nothing left or the round has run for {@link #ROUND}, so that the
	 * copy keeps up with sustained traffic instead of a fixed number per interval.
	 */
	private void archiveBatches() {
		long until = System.nanoTime() + ROUND.toNanos();
		for (ArchivedWebhooks source : sources) {
			try {
				List<RawWebhook> batch;
				do {
					batch = source.notArchived(BATCH);
					for (RawWebhook webhook : batch) {
						StoredMedia stored = store.put(source.bucket(), webhook.tenantId(),
								new ByteArrayInputStream(webhook.body()), "application/json", null, MAX_PAYLOAD);
						source.archived(webhook.id(), stored.key());
					}
				}
				while (batch.size() == BATCH && System.nanoTime() < until);
			}
			catch (RuntimeException e) {
				log.warn("Webhook payloads for {} could not be archived this round: {}", source.bucket().bucketName(),
						e.toString());
			}
		}
	}
}

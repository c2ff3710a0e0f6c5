package io.switchboard.sandbox.meta;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Counts what the simulated Graph API received and sent: send calls (faults and refusals included), sends accepted,
 * sends and mark-as-read calls refused for throughput (130429), mark-as-read calls, status webhooks, media uploads,
 * media id lookups, media downloads and the downloads refused because the URL had expired.
 */
@Component
class MetaStats {

	final AtomicLong sendCalls = new AtomicLong();
	final AtomicLong accepted = new AtomicLong();
	final AtomicLong rateLimited = new AtomicLong();
	final AtomicLong markReadCalls = new AtomicLong();
	final AtomicLong statusWebhooks = new AtomicLong();
	final AtomicLong mediaUploads = new AtomicLong();
	final AtomicLong mediaLookups = new AtomicLong();
	final AtomicLong mediaDownloads = new AtomicLong();
	final AtomicLong mediaDownloadsExpired = new AtomicLong();

	Map<String, Long> snapshot() {
		Map<String, Long> stats = new LinkedHashMap<>();
		stats.put("sendCalls", sendCalls.get());
		stats.put("accepted", accepted.get());
		stats.put("rateLimited", rateLimited.get());
		stats.put("markReadCalls", markReadCalls.get());
		stats.put("statusWebhooks", statusWebhooks.get());
		stats.put("mediaUploads", mediaUploads.get());
		stats.put("mediaLookups", mediaLookups.get());
		stats.put("mediaDownloads", mediaDownloads.get());
		stats.put("mediaDownloadsExpired", mediaDownloadsExpired.get());
		return stats;
	}

	void reset() {
		sendCalls.set(0);
		accepted.set(0);
		rateLimited.set(0);
		markReadCalls.set(0);
		statusWebhooks.set(0);
		mediaUploads.set(0);
		mediaLookups.set(0);
		mediaDownloads.set(0);
		mediaDownloadsExpired.set(0);
	}
}

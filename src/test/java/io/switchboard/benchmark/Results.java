package io.switchboard.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything measured against one database backend in one run of the application.
 */
final class Results {

	/**
	 * Webhooks sent open loop at a fixed rate.
	 *
	 * @param ack from each request's due time to its 2xx answer.
	 * @param relay from each request's due time to the stand-in receiving the relayed message (absent when the
	 *        relay is paced or not measured).
	 * @param delivered relayed messages that reached the stand-in within the drain limit.
	 * @param drain from the last request's due time to the last relayed message.
	 */
	record Fixed(String endpoint, int rate, int sent, int failures, String firstFailure, Latency ack, Latency relay,
			int delivered, CpuMeter.Split cpu, Duration drain) {}

	/**
	 * Agent messages pushed at once to distinct customers, relayed under the tenant's messages-per-second limit.
	 *
	 * @param achieved sends per second over the span from the first to the last send, with the second an idle number
	 *        may send at once credited: {@code sent / (span + 1 s)}; exactly the limit for a perfect limiter.
	 * @param steady sends per second after the first second of the burst (least-squares slope of sends over time):
	 *        the pace once the burst is under way.
	 * @param mostInAnySecond the most sends the stand-in accepted within any one second.
	 * @param rejections sends the stand-in refused with 130429.
	 */
	record Pacing(int limit, int messages, int sent, double spanSeconds, double achieved, double steady,
			int mostInAnySecond, int rejections, CpuMeter.Split cpu) {

		double share() {
			return achieved / limit;
		}
	}

	/**
	 * A closed-loop ceiling run.
	 *
	 * @param relayed messages the stand-in received from the start of the run until relaying stopped (inbound).
	 * @param relayPerSecond how fast they were relayed, from the start of the run to the last one.
	 */
	record CeilingRun(String endpoint, Ceiling.Result result, CpuMeter.Split cpu, Integer relayed,
			Double relayPerSecond) {}

	/**
	 * One document relayed from WhatsApp to Genesys, heap sampled meanwhile ({@link MediaRelay}).
	 *
	 * @param ackStatus the webhook's answer.
	 * @param acknowledged from sending the webhook to its answer.
	 * @param downloaded from sending the webhook to the Graph stand-in having written the download's last byte;
	 *        {@literal null} if it did not.
	 * @param atGenesys from sending the webhook to the Genesys stand-in receiving the message with the link.
	 * @param relayed from sending the webhook to the Genesys stand-in having read the file's last byte.
	 * @param plainCopy the reference: the same bytes downloaded through loopback into a file.
	 * @param fetched what the Genesys stand-in fetched; {@literal null} if nothing within the limit.
	 * @param baseline the heap after a full collection before the webhook.
	 * @param peak the peaks during the relay.
	 * @param after the heap after a full collection once the file was fetched.
	 * @param collections collections in the application during the relay.
	 * @param afterCollections the most the heap held right after a collection during the relay, 0 if none was
	 *        notified.
	 * @param samples heap samples taken during the relay.
	 */
	record Media(long size, int ackStatus, Duration acknowledged, Duration downloaded, Duration atGenesys,
			Duration relayed, Duration plainCopy, GenesysStandIn.Fetched fetched, String sha256,
			HeapSampler.Reading baseline, HeapSampler.Reading peak, HeapSampler.Reading after, long collections,
			long afterCollections, int samples, CpuMeter.Split cpu) {

		/** @return whether the whole file reached Genesys with its checksum. */
		boolean intact() {
			return fetched != null && fetched.status() == 200 && fetched.bytes() == size
					&& sha256.equals(fetched.sha256());
		}

		/** @return the peak of the heap in use minus the baseline. */
		long heapGrowth() {
			return peak.used() - baseline.used();
		}

		/** @return the peak of the old generation minus its baseline. */
		long oldGrowth() {
			return peak.old() - baseline.old();
		}

		/**
		 * @return the most the heap held after a collection during the relay minus the baseline; {@literal null} if
		 *         no collection was seen.
		 */
		Long survivingGrowth() {
			return afterCollections == 0 ? null : afterCollections - baseline.used();
		}

		/**
		 * @return what the relay held: the larger of the surviving growth and the old generation's growth (a file
		 *         read into one array goes to the old generation at once, without a collection).
		 */
		long held() {
			Long surviving = survivingGrowth();
			return Math.max(surviving == null ? 0 : surviving, oldGrowth());
		}
	}

	final String name;
	final String database;
	final boolean primary;
	Duration startup;
	long idleRss;
	Long idleDatabasePss;
	long peakRssUnderLoad;
	Long databasePssUnderLoad;
	CeilingRun reference;
	CeilingRun rejectedSignature;
	Fixed referenceOpenLoop;
	final Map<Integer, Fixed> inbound = new TreeMap<>();
	Fixed outboundAck;
	Fixed outboundRelay;
	Pacing pacing;
	Media media;
	CeilingRun inboundCeiling;
	CeilingRun inboundCeilingEdgeOnly;
	CeilingRun outboundCeiling;
	CeilingRun outboundCeilingEdgeOnly;
	int tokenRequests;
	int duplicatesAtGenesys;
	final List<String> notes = new ArrayList<>();

	/**
	 * @param primary whether these are the embedded defaults, which the ceiling goal applies to.
	 */
	Results(String name, String database, boolean primary) {
		this.name = name;
		this.database = database;
		this.primary = primary;
	}

	Fixed inboundAt(int rate) {
		return inbound.get(rate);
	}
}

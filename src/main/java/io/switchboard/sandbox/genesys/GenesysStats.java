package io.switchboard.sandbox.genesys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Counts the calls the simulated Genesys Cloud received, faults and refusals included, the agent messages it sent and
 * the outbound webhook calls it made for them (retries included).
 */
@Component
class GenesysStats {

	final AtomicLong tokenRequests = new AtomicLong();
	final AtomicLong tokensIssued = new AtomicLong();
	final AtomicLong messageCalls = new AtomicLong();
	final AtomicLong receiptCalls = new AtomicLong();
	final AtomicLong eventCalls = new AtomicLong();
	final AtomicLong agentMessages = new AtomicLong();
	final AtomicLong webhookCalls = new AtomicLong();

	Map<String, Long> snapshot() {
		Map<String, Long> stats = new LinkedHashMap<>();
		stats.put("tokensIssued", tokensIssued.get());
		stats.put("messageCalls", messageCalls.get());
		stats.put("receiptCalls", receiptCalls.get());
		stats.put("tokenRequests", tokenRequests.get());
		stats.put("eventCalls", eventCalls.get());
		stats.put("agentMessages", agentMessages.get());
		stats.put("webhookCalls", webhookCalls.get());
		return stats;
	}

	void reset() {
		tokenRequests.set(0);
		tokensIssued.set(0);
		messageCalls.set(0);
		receiptCalls.set(0);
		eventCalls.set(0);
		agentMessages.set(0);
		webhookCalls.set(0);
	}
}

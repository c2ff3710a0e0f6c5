package io.switchboard.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Counts the calls the simulated Genesys Cloud received, faults and refusals included.
 */
@Component
@ConditionalOnProperty(name = "switchboard.sandbox.enabled", havingValue = "true")
class GenesysStats {

	final AtomicLong tokenRequests = new AtomicLong();
	final AtomicLong tokensIssued = new AtomicLong();
	final AtomicLong messageCalls = new AtomicLong();
	final AtomicLong receiptCalls = new AtomicLong();

	Map<String, Long> snapshot() {
		Map<String, Long> stats = new LinkedHashMap<>();
		stats.put("tokensIssued", tokensIssued.get());
		stats.put("messageCalls", messageCalls.get());
		stats.put("receiptCalls", receiptCalls.get());
		stats.put("tokenRequests", tokenRequests.get());
		return stats;
	}

	void reset() {
		tokenRequests.set(0);
		tokensIssued.set(0);
		messageCalls.set(0);
		receiptCalls.set(0);
	}
}

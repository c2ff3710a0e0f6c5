package io.switchboard.relay.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.genesys.GenesysClient;
import io.switchboard.genesys.GenesysRejected;
import io.switchboard.genesys.GenesysUnavailable;
import io.switchboard.platform.RetryLater;
import io.switchboard.platform.WorkChannels;
import io.switchboard.platform.WorkHandler;
import io.switchboard.tenant.Tenants;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Gives Genesys the receipts it is owed ({@code genesys-receipts}).
 */
@Component
class ReceiptRelay implements WorkHandler<GenesysReceiptDue> {

	private static final Logger log = LoggerFactory.getLogger(ReceiptRelay.class);

	private final Tenants tenants;
	private final GenesysClient genesys;
	private final MeterRegistry meters;

	ReceiptRelay(Tenants tenants, GenesysClient genesys, MeterRegistry meters) {
		this.tenants = tenants;
		this.genesys = genesys;
		this.meters = meters;
	}

	@Override
	public String channel() {
		return WorkChannels.GENESYS_RECEIPTS;
	}

	@Override
	public Class<GenesysReceiptDue> type() {
		return GenesysReceiptDue.class;
	}

	@Override
	public void handle(GenesysReceiptDue due) {
		MDC.put("tenant", due.tenantId());
		MDC.put("genesysMessageId", due.receipt().id());
		var tenant = tenants.byId(due.tenantId());
		if (tenant.isEmpty()) {
			return;
		}
		try {
			genesys.sendReceipt(tenant.get(), due.receipt());
			meters.counter("switchboard.relay.receipts", "status", due.receipt().status().name()).increment();
			log.info("Gave Genesys a {} receipt", due.receipt().status());
		}
		catch (GenesysRejected rejected) {
			meters.counter("switchboard.relay.receipts", "status", "rejected").increment();
			log.warn("Genesys refused the {} receipt: {} (contextId {})", due.receipt().status(), rejected.reason(),
					rejected.contextId());
		}
		catch (GenesysUnavailable unavailable) {
			throw new RetryLater("Genesys unavailable: " + unavailable.getMessage(),
					unavailable.retryAfter() == null ? Duration.ZERO : unavailable.retryAfter());
		}
	}
}

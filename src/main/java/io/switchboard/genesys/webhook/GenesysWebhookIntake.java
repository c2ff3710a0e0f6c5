package io.switchboard.genesys.webhook;

import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.OrderingKeys;
import io.switchboard.genesys.GenesysMessageReceived;
import io.switchboard.genesys.GenesysOutboundMessage;
import io.switchboard.work.WorkChannels;
import io.switchboard.tenant.Tenant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records each Genesys message id once, with the raw body, and publishes the work in the same transaction: receipts
 * on {@code genesys-events}, everything else on {@code outbound-genesys-messages}, ordered per customer. Genesys's
 * retries of the same id produce nothing new.
 */
@Component
class GenesysWebhookIntake {

	private static final Logger log = LoggerFactory.getLogger(GenesysWebhookIntake.class);

	private final JdbcClient jdbc;
	private final WorkChannels work;

	GenesysWebhookIntake(JdbcClient jdbc, WorkChannels work) {
		this.jdbc = jdbc;
		this.work = work;
	}

	/**
	 * @return whether the message was new.
	 */
	@Transactional
	boolean accept(Tenant tenant, GenesysOutboundMessage message, byte[] body) {
		int inserted = jdbc.sql("""
				insert into genesys_inbound_events (tenant_id, genesys_message_id, message_type, body)
				values (?, ?, ?, ?) on conflict (tenant_id, genesys_message_id) do nothing""")
				.params(tenant.id(), message.id(), message.type(), body)
				.update();
		if (inserted == 0) {
			log.info("Genesys message {} of tenant {} was already received; dropped", message.id(), tenant.id());
			return false;
		}
		String channel = "Receipt".equals(message.type()) ? WorkChannels.GENESYS_EVENTS
				: WorkChannels.OUTBOUND_GENESYS_MESSAGES;
		work.publish(channel, OrderingKeys.of(tenant.id(), CustomerId.of(message.to().id())), new GenesysMessageReceived(tenant.id(), message));
		return true;
	}
}

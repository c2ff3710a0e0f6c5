package io.switchboard.work;

/**
 * The durable hand-over between the edge that accepts work and the workers that do it. Channel names are the queue
 * names of the seed ({@link #INBOUND_WHATSAPP_MESSAGES}, ...). Work published under the same ordering key is handed
 * to its {@link WorkHandler} one item at a time, in publication order; different keys run in parallel.
 * <p>
 * {@link #publish} joins the caller's transaction: the work exists exactly when the caller's own writes commit.
 */
public interface WorkChannels {

	String INBOUND_WHATSAPP_MESSAGES = "inbound-whatsapp-messages";
	String WHATSAPP_STATUS_UPDATES = "whatsapp-status-updates";
	String OUTBOUND_GENESYS_MESSAGES = "outbound-genesys-messages";
	String GENESYS_EVENTS = "genesys-events";
	String GENESYS_RECEIPTS = "genesys-receipts";
	String OUTBOUND_API_MESSAGES = "outbound-api-messages";
	String INBOUND_API_MESSAGES = "inbound-api-messages";

	/**
	 * Publishes work on a channel, within the current transaction.
	 *
	 * @param channel must not be {@literal null}.
	 * @param orderingKey work with the same key is handled in order; must not be {@literal null}.
	 * @param work a JSON-serialisable record; must not be {@literal null}.
	 */
	void publish(String channel, String orderingKey, Object work);
}

package io.switchboard.conversation;

/**
 * The one ordering key of a customer's work, whatever the queue: the tenant and the customer, after the identities
 * the sender carried were linked ({@link Conversations#identify}). A customer whose messages arrive sometimes with a
 * phone number and sometimes only with a BSUID is one customer, so one key, so relayed in order. Keys are
 * {@code tenantId|customerId}; the dead letters read the tenant back from the part before the bar.
 */
public final class OrderingKeys {

	private OrderingKeys() {}

	/**
	 * @return the ordering key of a customer's work in a tenant.
	 */
	public static String of(String tenantId, CustomerId customer) {
		return tenantId + "|" + customer.value();
	}
}

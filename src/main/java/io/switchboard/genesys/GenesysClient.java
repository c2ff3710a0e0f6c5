package io.switchboard.genesys;

import io.switchboard.tenant.Tenant;

/**
 * Calls a tenant's Genesys Cloud organisation. Authentication (client-credentials tokens, cached and refreshed) and
 * short retries of 429 and 5xx answers happen inside; what comes out is either success or a typed failure.
 */
public interface GenesysClient {

	/**
	 * Sends a customer's message into the tenant's Open Messaging integration, asking Genesys for the conversation id.
	 *
	 * @throws GenesysRejected when Genesys refuses the message for good (a 4xx other than 429); do not retry.
	 * @throws GenesysUnavailable when Genesys could not take it now (429, 5xx, network) even after short retries.
	 */
	GenesysMessageAccepted sendInboundMessage(Tenant tenant, OpenInboundMessage message);

	/**
	 * Tells Genesys what became of an agent's message: delivered, or failed and why.
	 *
	 * @throws GenesysRejected when Genesys refuses the receipt for good; do not retry.
	 * @throws GenesysUnavailable when Genesys could not take it now, even after short retries.
	 */
	void sendReceipt(Tenant tenant, OpenInboundReceipt receipt);
}

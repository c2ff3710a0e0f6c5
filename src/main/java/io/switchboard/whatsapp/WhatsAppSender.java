package io.switchboard.whatsapp;

import io.switchboard.tenant.Tenant;

/**
 * Sends messages to customers through a tenant's WhatsApp number on the Cloud API. Sends are paced to the number's
 * throughput limit and to WhatsApp's pair rate per customer; throughput and transient errors are retried briefly
 * inside. What comes out is the accepted message or a classified {@link WhatsAppSendFailed}.
 */
public interface WhatsAppSender {

	/**
	 * @return the wamid WhatsApp gave the message.
	 * @throws WhatsAppSendFailed when WhatsApp refused it, classified by its error code.
	 */
	WhatsAppSendAccepted send(Tenant tenant, OutboundMessage message);

	/**
	 * Marks a customer's message read (which marks earlier ones read too), optionally showing the typing indicator.
	 *
	 * @throws WhatsAppSendFailed when WhatsApp refused it.
	 */
	void markRead(Tenant tenant, String wamid, boolean showTyping);
}

package io.switchboard.whatsapp;

import java.util.List;

/**
 * One webhook body as Meta posts it.
 *
 * @param object the notification's {@code object}, {@code whatsapp_business_account} for WhatsApp; empty when absent.
 * @param changes every change of every {@code entry[]}, flattened in order.
 */
public record WebhookNotification(String object, List<Change> changes) {

	public static final String WHATSAPP_BUSINESS_ACCOUNT = "whatsapp_business_account";

	public WebhookNotification {
		changes = List.copyOf(changes);
	}

	/**
	 * @return whether the body is about a WhatsApp Business account, the only kind Switchboard handles.
	 */
	public boolean isWhatsAppBusinessAccount() {
		return WHATSAPP_BUSINESS_ACCOUNT.equals(object);
	}
}

package io.switchboard.tenant;

import java.time.Instant;

/**
 * Something about a tenant an operator must fix. Alerts are raised by the modules that notice the problem and are
 * cleared when the tenant's configuration is stored again (at start-up).
 *
 * @param kind what kind of problem.
 * @param detail what happened.
 * @param raisedAt when it was noticed.
 */
public record TenantAlert(String kind, String detail, Instant raisedAt) {

	/**
	 * WhatsApp refused the tenant's access token (Graph error 190 or 0): sends to WhatsApp stop.
	 */
	public static final String WHATSAPP_CREDENTIALS_INVALID = "whatsapp-credentials-invalid";
}

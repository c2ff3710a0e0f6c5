package io.switchboard.tenant;

import java.util.List;
import java.util.Optional;

/**
 * Finds tenants. Lookups are served from memory and are cheap enough for every request.
 */
public interface Tenants {

	Optional<Tenant> byId(String tenantId);

	/**
	 * @return the tenant owning the WhatsApp number with that {@code phone_number_id}.
	 */
	Optional<Tenant> byPhoneNumberId(String phoneNumberId);

	/**
	 * @return the tenant owning that Genesys Open Messaging integration.
	 */
	Optional<Tenant> byIntegrationId(String integrationId);

	/**
	 * @return the first tenant (in declaration order) whose number belongs to that WhatsApp Business Account.
	 */
	Optional<Tenant> byWabaId(String wabaId);

	List<Tenant> all();

	/**
	 * Checks a presented API key against the tenant's stored hash, in constant time.
	 *
	 * @return whether the key belongs to the tenant; {@literal false} for unknown tenants.
	 */
	boolean acceptsApiKey(String tenantId, String presentedKey);

	/**
	 * Raises an alert against a tenant. An alert of a kind that is already open is not raised twice.
	 *
	 * @param kind e.g. {@link TenantAlert#WHATSAPP_CREDENTIALS_INVALID}.
	 * @param detail what happened; never a secret.
	 */
	void raiseAlert(String tenantId, String kind, String detail);

	/**
	 * @return the tenant's open alerts, oldest first.
	 */
	List<TenantAlert> openAlerts(String tenantId);

	/**
	 * @return whether an alert of that kind is open for the tenant (cheap: served from memory).
	 */
	boolean hasOpenAlert(String tenantId, String kind);
}

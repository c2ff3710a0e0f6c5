package io.switchboard.platform.web;

/**
 * The tenant an API request was authenticated for. Controllers declare it as a parameter; the gateway resolves it
 * from {@code X-Tenant-ID} and the tenant's API key, so a controller never sees an unauthenticated request.
 *
 * @param id the tenant's id.
 */
public record CallingTenant(String id) {

	/**
	 * The request attribute the gateway stores the authenticated tenant under.
	 */
	public static final String ATTRIBUTE = CallingTenant.class.getName();
}

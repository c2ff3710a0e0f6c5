package io.switchboard.auth;

import io.switchboard.tenant.Tenant;

/**
 * Bearer tokens for a tenant's Genesys Cloud organisation, obtained with the tenant's OAuth client-credentials client.
 * Tokens are cached per tenant and client until shortly before they expire, and concurrent callers for one tenant share
 * a single token request. Tokens are credentials: callers must not log them.
 */
public interface GenesysTokens {

	/**
	 * Returns a bearer token for the tenant's Genesys organisation, requesting a new one when none is cached or the
	 * cached one is about to expire.
	 *
	 * @param tenant must not be {@literal null}.
	 * @return the access token, will never be {@literal null}.
	 * @throws GenesysLoginFailed when Genesys did not issue a token.
	 */
	String tokenFor(Tenant tenant);

	/**
	 * Discards a token Genesys refused (answered 401) and obtains a new one, unless another caller has already replaced
	 * it. Call {@link #tokenFor(Tenant)} afterwards for the token to use.
	 *
	 * @param tenant must not be {@literal null}.
	 * @param rejectedToken the token Genesys refused, must not be {@literal null}.
	 * @throws GenesysLoginFailed when Genesys did not issue a new token.
	 */
	void refresh(Tenant tenant, String rejectedToken);
}

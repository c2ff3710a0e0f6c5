package io.switchboard.gateway;

import io.switchboard.platform.Secret;
import io.switchboard.platform.web.CallingAdmin;
import io.switchboard.platform.web.CallingTenant;
import io.switchboard.tenant.Tenants;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Component;

/**
 * Turns a presented API key into the caller it belongs to, for the surface it was presented to: a tenant's key into
 * the {@link CallingTenant} named by {@code X-Tenant-ID} (role {@code TENANT}), the admin key into the
 * {@link CallingAdmin} (roles {@code ADMIN} and {@code MANAGEMENT}), the management key into the scraper (role
 * {@code MANAGEMENT}). Keys are compared in constant time. Unknown tenants and wrong keys fail alike, so the answer
 * does not tell which tenants exist; a tenant's key never opens the admin API and the admin key never acts for a
 * tenant.
 */
@Component
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	static final String TENANT = "TENANT";
	static final String ADMIN = "ADMIN";
	static final String MANAGEMENT = "MANAGEMENT";

	/** Who the management key's holder is in the log. */
	static final String SCRAPER = "management";

	private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationProvider.class);

	private final Tenants tenants;
	private final AdminSettings admin;
	private final ManagementSettings management;

	ApiKeyAuthenticationProvider(Tenants tenants, AdminSettings admin, ManagementSettings management) {
		this.tenants = tenants;
		this.admin = admin;
		this.management = management;
		if (admin.apiKey() == null) {
			log.info("No switchboard.admin.api-key: the admin API (/api/admin/) is off");
		}
		if (management.apiKey() == null && admin.apiKey() == null) {
			log.info("No switchboard.management.api-key nor admin key: only /actuator/health answers, status only");
		}
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		ApiKeyAuthenticationToken presented = (ApiKeyAuthenticationToken) authentication;
		Secret key = presented.getCredentials();
		Surface surface = presented.surface();
		if (key == null || surface == null) {
			throw new ApiKeyRejected("Send an API key as 'Authorization: Bearer <key>'.");
		}
		return switch (surface) {
			case TENANT -> tenant(presented.tenantId(), key);
			case ADMIN -> admin(key, presented.remoteAddress());
			case MANAGEMENT -> management(key, presented.remoteAddress());
		};
	}

	private Authentication tenant(@Nullable String tenantId, Secret key) {
		if (tenantId == null || tenantId.isBlank()) {
			throw new ApiKeyRejected(Surface.TENANT.missingKey());
		}
		if (isAdminKey(key)) {
			throw new ApiKeyRejected("The admin API key cannot act for a tenant.");
		}
		if (!tenants.acceptsApiKey(tenantId, key.reveal())) {
			throw new ApiKeyRejected("The API key is not valid for this tenant.");
		}
		return ApiKeyAuthenticationToken.established(new CallingTenant(tenantId), roles(TENANT));
	}

	private Authentication admin(Secret key, String remoteAddress) {
		if (admin.apiKey() == null) {
			throw new AdminApiOff();
		}
		if (!isAdminKey(key)) {
			throw new ApiKeyRejected("The admin API key is not valid.");
		}
		return ApiKeyAuthenticationToken.established(new CallingAdmin(admin.name(), remoteAddress),
				roles(ADMIN, MANAGEMENT));
	}

	private Authentication management(Secret key, String remoteAddress) {
		Secret scraperKey = management.apiKey();
		if (scraperKey != null && scraperKey.matches(key.reveal())) {
			return ApiKeyAuthenticationToken.established(SCRAPER, roles(MANAGEMENT));
		}
		if (isAdminKey(key)) {
			return ApiKeyAuthenticationToken.established(new CallingAdmin(admin.name(), remoteAddress),
					roles(ADMIN, MANAGEMENT));
		}
		throw new ApiKeyRejected("The key is not valid for the management endpoints.");
	}

	private boolean isAdminKey(Secret key) {
		Secret adminKey = admin.apiKey();
		return adminKey != null && adminKey.matches(key.reveal());
	}

	private static List<GrantedAuthority> roles(String... roles) {
		return AuthorityUtils.createAuthorityList(Arrays.stream(roles).map(r -> "ROLE_" + r)
				.toArray(String[]::new));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * A key that was refused, with a sentence for the caller (never a secret, never another exception's text).
	 */
	static class ApiKeyRejected extends AuthenticationException {

		ApiKeyRejected(String detail) {
			super(detail);
		}
	}

	/**
	 * A call to the admin API while no admin key is configured: answered 403 {@code admin-api-off}.
	 */
	static final class AdminApiOff extends ApiKeyRejected {

		AdminApiOff() {
			super("The admin API is off: no admin API key (switchboard.admin.api-key) is configured.");
		}
	}
}

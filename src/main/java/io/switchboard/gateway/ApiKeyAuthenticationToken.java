package io.switchboard.gateway;

import io.switchboard.platform.Secret;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An API key on its way through Spring Security: first as presented (unauthenticated, holding the key, the tenant
 * it claims to act for and the surface it was presented to), then as established by
 * {@link ApiKeyAuthenticationProvider}, whose principal is the {@code CallingTenant} or {@code CallingAdmin} the
 * controllers receive. The key is held as a {@link Secret}, so the token's {@code toString} never shows it.
 */
final class ApiKeyAuthenticationToken extends AbstractAuthenticationToken {

	private final Object principal;
	private final @Nullable Surface surface;
	private final @Nullable String tenantId;
	private final String remoteAddress;
	private @Nullable Secret key;

	private ApiKeyAuthenticationToken(Object principal, @Nullable Surface surface, @Nullable String tenantId,
			String remoteAddress, @Nullable Secret key, Collection<? extends GrantedAuthority> authorities,
			boolean authenticated) {
		super(authorities);
		this.principal = principal;
		this.surface = surface;
		this.tenantId = tenantId;
		this.remoteAddress = remoteAddress;
		this.key = key;
		setAuthenticated(authenticated);
	}

	/**
	 * A key as the caller presented it, not checked yet.
	 */
	static ApiKeyAuthenticationToken presented(Surface surface, Secret key, @Nullable String tenantId,
			String remoteAddress) {
		return new ApiKeyAuthenticationToken(tenantId == null ? "anonymous" : tenantId, surface, tenantId,
				remoteAddress, key, List.of(), false);
	}

	/**
	 * A caller whose key was accepted.
	 */
	static ApiKeyAuthenticationToken established(Object principal, List<GrantedAuthority> authorities) {
		return new ApiKeyAuthenticationToken(principal, null, null, "", null, authorities, true);
	}

	@Nullable Surface surface() {
		return surface;
	}

	@Nullable String tenantId() {
		return tenantId;
	}

	String remoteAddress() {
		return remoteAddress;
	}

	@Override
	public @Nullable Secret getCredentials() {
		return key;
	}

	@Override
	public Object getPrincipal() {
		return principal;
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		key = null;
	}
}

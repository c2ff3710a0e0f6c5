package io.switchboard.gateway;

import io.switchboard.platform.Secret;
import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the key a request presents to a surface: {@code Authorization: Bearer <key>}, else {@code X-API-Key}, and for
 * the tenant API the {@code X-Tenant-ID} it claims. A request presenting no key, or a blank one, is left
 * unauthenticated (and answered 401 by the surface's entry point if it needs a key).
 */
record ApiKeyConverter(Surface surface) implements AuthenticationConverter {

	static final String TENANT_HEADER = "X-Tenant-ID";
	static final String KEY_HEADER = "X-API-Key";

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		String key = presentedKey(request);
		if (key == null || key.isBlank()) {
			return null;
		}
		String tenantId = surface == Surface.TENANT ? request.getHeader(TENANT_HEADER) : null;
		return ApiKeyAuthenticationToken.presented(surface, Secret.of(key), tenantId, request.getRemoteAddr());
	}

	private static @Nullable String presentedKey(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).strip();
		}
		return request.getHeader(KEY_HEADER);
	}
}

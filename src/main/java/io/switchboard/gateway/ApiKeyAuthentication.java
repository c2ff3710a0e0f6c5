package io.switchboard.gateway;

import io.switchboard.platform.web.CallingTenant;
import io.switchboard.platform.web.Problems;
import io.switchboard.tenant.Tenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates calls to Switchboard's REST API: {@code X-Tenant-ID} names the tenant and {@code Authorization: Bearer
 * <api key>} (or {@code X-API-Key}) proves the caller may act for it. Unknown tenants and wrong keys get the same 401,
 * so the answer does not tell which tenants exist.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyAuthentication extends OncePerRequestFilter {

	static final List<String> PROTECTED = List.of("/api/", "/whatsapp/send/", "/genesys/messages/", "/genesys/receipts");

	private final Tenants tenants;
	private final JsonMapper json;

	ApiKeyAuthentication(Tenants tenants, JsonMapper json) {
		this.tenants = tenants;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return PROTECTED.stream().noneMatch(path::startsWith);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String tenantId = request.getHeader("X-Tenant-ID");
		String key = presentedKey(request);
		if (tenantId == null || tenantId.isBlank() || key == null) {
			reject(response, "Send X-Tenant-ID and the tenant's API key as 'Authorization: Bearer <key>'.");
			return;
		}
		if (!tenants.acceptsApiKey(tenantId, key)) {
			reject(response, "The API key is not valid for this tenant.");
			return;
		}
		request.setAttribute(CallingTenant.ATTRIBUTE, new CallingTenant(tenantId));
		try (var ignored = MDC.putCloseable("tenant", tenantId)) {
			chain.doFilter(request, response);
		}
	}

	private static String presentedKey(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).strip();
		}
		return request.getHeader("X-API-Key");
	}

	private void reject(HttpServletResponse response, String detail) throws IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		json.writeValue(response.getOutputStream(), Problems.of("unauthenticated", HttpStatus.UNAUTHORIZED, detail));
	}
}

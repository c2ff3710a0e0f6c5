package io.switchboard.gateway;

import io.switchboard.platform.Secret;
import io.switchboard.platform.web.CallingAdmin;
import io.switchboard.platform.web.CallingTenant;
import io.switchboard.platform.web.Problems;
import io.switchboard.tenant.Tenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates calls to Switchboard's REST API: {@code X-Tenant-ID} names the tenant and {@code Authorization: Bearer
 * <api key>} (or {@code X-API-Key}) proves the caller may act for it. Unknown tenants and wrong keys get the same 401,
 * so the answer does not tell which tenants exist. Calls under {@link #ADMIN} need the admin key
 * ({@link AdminSettings}) instead, presented the same way and compared in constant time; a tenant's key never opens
 * them, and the admin key never acts for a tenant. Without an admin key configured they get 403.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyAuthentication extends OncePerRequestFilter {

	static final List<String> PROTECTED = List.of("/api/", "/whatsapp/send/", "/genesys/messages/", "/genesys/receipts");

	/** Where the admin API lives. */
	static final String ADMIN = "/api/admin/";

	private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthentication.class);

	private final Tenants tenants;
	private final JsonMapper json;
	private final AdminSettings admin;

	ApiKeyAuthentication(Tenants tenants, JsonMapper json, AdminSettings admin) {
		this.tenants = tenants;
		this.json = json;
		this.admin = admin;
		if (admin.apiKey() == null) {
			log.info("No switchboard.admin.api-key: the admin API ({}) is off", ADMIN);
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return PROTECTED.stream().noneMatch(path::startsWith);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = presentedKey(request);
		if (request.getRequestURI().startsWith(ADMIN)) {
			authenticateAdmin(request, response, chain, key);
			return;
		}
		String tenantId = request.getHeader("X-Tenant-ID");
		if (tenantId == null || tenantId.isBlank() || key == null) {
			reject(response, "Send X-Tenant-ID and the tenant's API key as 'Authorization: Bearer <key>'.");
			return;
		}
		if (isAdminKey(key)) {
			reject(response, "The admin API key cannot act for a tenant.");
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

	private void authenticateAdmin(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			@Nullable String key) throws ServletException, IOException {
		if (admin.apiKey() == null) {
			answer(response, Problems.of("admin-api-off", HttpStatus.FORBIDDEN,
					"The admin API is off: no admin API key (switchboard.admin.api-key) is configured."));
			return;
		}
		if (key == null) {
			reject(response, "Send the admin API key as 'Authorization: Bearer <key>'.");
			return;
		}
		if (!isAdminKey(key)) {
			reject(response, "The admin API key is not valid.");
			return;
		}
		request.setAttribute(CallingAdmin.ATTRIBUTE, new CallingAdmin(admin.name(), request.getRemoteAddr()));
		try (var ignored = MDC.putCloseable("admin", admin.name())) {
			chain.doFilter(request, response);
		}
	}

	private boolean isAdminKey(String key) {
		Secret adminKey = admin.apiKey();
		return adminKey != null && adminKey.matches(key);
	}

	private static @Nullable String presentedKey(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).strip();
		}
		return request.getHeader("X-API-Key");
	}

	private void reject(HttpServletResponse response, String detail) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		answer(response, Problems.of("unauthenticated", HttpStatus.UNAUTHORIZED, detail));
	}

	private void answer(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}
}

package io.switchboard.gateway;

import io.switchboard.platform.web.CallingAdmin;
import io.switchboard.platform.web.CallingTenant;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the authenticated caller in the log's context for the rest of the request: {@code tenant} for a tenant's call,
 * {@code admin} for the admin's.
 */
final class CallerLogging extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		Object principal = caller == null ? null : caller.getPrincipal();
		if (principal instanceof CallingTenant tenant) {
			try (var ignored = MDC.putCloseable("tenant", tenant.id())) {
				chain.doFilter(request, response);
			}
		}
		else if (principal instanceof CallingAdmin admin) {
			try (var ignored = MDC.putCloseable("admin", admin.name())) {
				chain.doFilter(request, response);
			}
		}
		else {
			chain.doFilter(request, response);
		}
	}
}

package io.switchboard.gateway;

import io.switchboard.platform.web.CallingTenant;
import io.switchboard.platform.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds each tenant to its API rate limit ({@link RateLimitSettings}): runs in the tenant API's filter chain once the
 * caller is authenticated, takes one request from the tenant's bucket ({@link ApiRateLimiter}) and answers a request
 * past it 429 {@code rate-limited} with {@code Retry-After} (whole seconds, at least one) before anything else reads
 * it. Requests without an authenticated tenant pass on to be refused by authorization, uncounted.
 */
final class TenantRateLimit extends OncePerRequestFilter {

	private final ApiRateLimiter limiter;
	private final ProblemAnswers problems;

	TenantRateLimit(ApiRateLimiter limiter, ProblemAnswers problems) {
		this.limiter = limiter;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller != null && caller.getPrincipal() instanceof CallingTenant tenant) {
			Duration wait = limiter.take(tenant.id());
			if (wait.isPositive()) {
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(wait)));
				problems.answer(response, ProblemType.RATE_LIMITED.problem(
						"This tenant sent more API requests than its rate limit allows; send again after Retry-After."));
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * @return the wait in whole seconds, rounded up, at least one.
	 */
	static long retryAfterSeconds(Duration wait) {
		long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
		return Math.max(1, seconds);
	}
}

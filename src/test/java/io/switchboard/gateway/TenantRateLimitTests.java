package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.*;

import io.switchboard.platform.web.CallingTenant;
import io.switchboard.platform.web.ProblemType;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant API's rate limit in process: a tenant's burst, then 429 {@code rate-limited} with {@code Retry-After}.
 */
class TenantRateLimitTests {

	private final RateLimitSettings settings = new RateLimitSettings(2, 3, null, null, null);
	private final TenantRateLimit filter = new TenantRateLimit(new ApiRateLimiter.InProcess(settings),
			new ProblemAnswers(JsonMapper.builder().build()));

	@AfterEach
	void clearCaller() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aTenantPastItsBurstIsAnswered429WithRetryAfterAndNothingRuns() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(send("acme").getStatus()).as("request %d of the burst", i + 1).isEqualTo(200);
		}
		MockHttpServletResponse refused = send("acme");
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(refused.getContentAsString()).contains(ProblemType.RATE_LIMITED.uri().toString());
		assertThat(refused.getHeader("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void eachTenantHasItsOwnBucket() throws Exception {
		for (int i = 0; i < 3; i++) {
			send("acme");
		}
		assertThat(send("acme").getStatus()).isEqualTo(429);
		assertThat(send("globex").getStatus()).isEqualTo(200);
	}

	@Test
	void theBucketRefillsAtTheSustainedRate() throws Exception {
		for (int i = 0; i < 3; i++) {
			send("acme");
		}
		assertThat(send("acme").getStatus()).isEqualTo(429);
		Thread.sleep(600);
		assertThat(send("acme").getStatus()).as("one request back after half a second at 2/s").isEqualTo(200);
		assertThat(send("acme").getStatus()).isEqualTo(429);
	}

	@Test
	void requestsWithoutAnAuthenticatedTenantPassUncounted() throws Exception {
		for (int i = 0; i < 5; i++) {
			MockFilterChain chain = new MockFilterChain();
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter.doFilter(new MockHttpServletRequest("GET", "/api/tenant"), response, chain);
			assertThat(chain.getRequest()).as("passed on to authorization").isNotNull();
		}
		assertThat(send("acme").getStatus()).isEqualTo(200);
	}

	@Test
	void retryAfterIsTheWaitInWholeSecondsRoundedUpAndAtLeastOne() {
		assertThat(TenantRateLimit.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
		assertThat(TenantRateLimit.retryAfterSeconds(Duration.ofSeconds(1))).isEqualTo(1);
		assertThat(TenantRateLimit.retryAfterSeconds(Duration.ofMillis(1_001))).isEqualTo(2);
	}

	@Test
	void theDefaultsAreFiftyASecondWithBurstsOfTwiceThat() {
		RateLimitSettings defaults = new RateLimitSettings(0, 0, null, null, null);
		assertThat(defaults.perSecond()).isEqualTo(50);
		assertThat(defaults.burst()).isEqualTo(100);
		assertThat(defaults.store()).isEqualTo(RateLimitSettings.Store.IN_PROCESS);
	}

	private MockHttpServletResponse send(String tenant) throws Exception {
		SecurityContextHolder.getContext().setAuthentication(
				new TestingAuthenticationToken(new CallingTenant(tenant), null, List.of()));
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(new MockHttpServletRequest("GET", "/api/tenant"), response, chain);
		if (chain.getRequest() == null) {
			assertThat(response.getStatus()).as("refused without running the rest of the chain").isEqualTo(429);
		}
		return response;
	}
}

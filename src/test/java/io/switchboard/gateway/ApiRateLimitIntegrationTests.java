package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.*;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.platform.web.ProblemType;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * The tenant API's default rate limit (50 a second, bursts of 100) over HTTP: a burst above it from one tenant is
 * answered 429 {@code rate-limited} with {@code Retry-After}, and the tenant's bucket is full again when the test
 * ends, so the context's other tests are not held back.
 */
class ApiRateLimitIntegrationTests extends AbstractIntegrationTests {

	private static final int BURST = 100;

	@Test
	void aBurstAboveTheTenantsLimitIsAnswered429WithRetryAfter() throws Exception {
		List<HttpResponse<String>> answers = new ArrayList<>();
		try (ExecutorService callers = Executors.newFixedThreadPool(16)) {
			List<Future<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 3 * BURST; i++) {
				calls.add(callers.submit(() -> http.send(tenantCall(), HttpResponse.BodyHandlers.ofString())));
			}
			for (Future<HttpResponse<String>> call : calls) {
				answers.add(call.get());
			}
		}
		finally {
			Thread.sleep(Duration.ofSeconds(BURST / 50 + 1));
		}
		List<HttpResponse<String>> refused = answers.stream().filter(answer -> answer.statusCode() == 429).toList();
		assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(200, 429));
		assertThat(answers.stream().filter(answer -> answer.statusCode() == 200).count())
				.as("the burst goes through").isGreaterThanOrEqualTo(BURST);
		assertThat(refused).as("requests past the limit").isNotEmpty();
		HttpResponse<String> first = refused.getFirst();
		assertThat(first.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(first.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(first.body()).contains(ProblemType.RATE_LIMITED.uri().toString()).contains("\"status\":429");
		assertThat(http.send(tenantCall(), HttpResponse.BodyHandlers.ofString()).statusCode())
				.as("back after the wait").isEqualTo(200);
	}

	private static HttpRequest tenantCall() {
		return HttpRequest.newBuilder(url("/api/tenant")).header("X-Tenant-ID", "acme")
				.header("Authorization", "Bearer " + ACME_API_KEY).GET().build();
	}
}

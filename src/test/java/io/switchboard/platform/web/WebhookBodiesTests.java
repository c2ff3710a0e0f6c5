package io.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import jakarta.servlet.ServletInputStream;

import java.io.ByteArrayInputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

class WebhookBodiesTests {

	private static final int KIB = 1024;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	private final WebhookBodies bodies = new WebhookBodies(
			new WebhookLimits(DataSize.ofKilobytes(8 * KIB), Duration.ofSeconds(5), Duration.ofSeconds(7)), meters);

	@Test
	void largeBodiesShareTheBudgetAndLeaveTheLastEighthToSmallOnes() throws Exception {
		try (WebhookBodies.Body first = bodies.read(request(3 * KIB * KIB, true), 4 * KIB * KIB);
				WebhookBodies.Body second = bodies.read(request(3 * KIB * KIB, true), 4 * KIB * KIB)) {
			assertThat(first.bytes()).hasSize(3 * KIB * KIB);
			assertThatThrownBy(() -> bodies.read(request(3 * KIB * KIB / 2, true), 4 * KIB * KIB))
					.isInstanceOfSatisfying(WebhookRefused.class, refused -> {
						ResponseEntity<?> answer = refused.answer();
						assertThat(answer.getStatusCode().value()).isEqualTo(503);
						assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("7");
						assertThat(refused.outcome()).isEqualTo("busy");
					});
			try (WebhookBodies.Body small = bodies.read(request(2 * KIB, true), 4 * KIB * KIB)) {
				assertThat(small.bytes()).hasSize(2 * KIB);
			}
		}
		try (WebhookBodies.Body again = bodies.read(request(3 * KIB * KIB, true), 4 * KIB * KIB)) {
			assertThat(again.bytes()).hasSize(3 * KIB * KIB);
		}
	}

	@Test
	void chunkedBodiesAreCountedAsTheyArriveAndStopAtTheLimit() throws Exception {
		try (WebhookBodies.Body body = bodies.read(request(100 * KIB, false), 200 * KIB)) {
			assertThat(body.bytes()).hasSize(100 * KIB);
		}
		assertThatThrownBy(() -> bodies.read(request(300 * KIB, false), 200 * KIB))
				.isInstanceOfSatisfying(WebhookRefused.class, refused -> assertThat(refused.outcome())
						.isEqualTo("too_large"));
	}

	@Test
	void aBodyShorterThanItsContentLengthIsIncompleteAndGivesItsBudgetBack() throws Exception {
		MockHttpServletRequest shortBody = new MockHttpServletRequest("POST", "/webhook/whatsapp") {
			@Override
			public long getContentLengthLong() {
				return 7 * KIB * KIB;
			}

			@Override
			public ServletInputStream getInputStream() {
				return new DelegatingServletInputStream(new ByteArrayInputStream(new byte[10]));
			}
		};
		assertThatThrownBy(() -> bodies.read(shortBody, 8 * KIB * KIB)).isInstanceOfSatisfying(WebhookRefused.class,
				refused -> assertThat(refused.outcome()).isEqualTo("incomplete"));
		try (WebhookBodies.Body body = bodies.read(request(6 * KIB * KIB, true), 8 * KIB * KIB)) {
			assertThat(body.bytes()).hasSize(6 * KIB * KIB);
		}
	}

	private static MockHttpServletRequest request(int size, boolean withLength) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhook/whatsapp") {
			@Override
			public long getContentLengthLong() {
				return withLength ? size : -1;
			}
		};
		request.setContent(new byte[size]);
		return request;
	}
}

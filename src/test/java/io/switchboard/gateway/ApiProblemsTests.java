package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.web.ProblemException;
import io.switchboard.platform.web.ProblemType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details never carry another component's exception text, and Spring MVC's own errors get the product's
 * types.
 */
class ApiProblemsTests {

	private final ApiProblems problems = new ApiProblems(JsonMapper.builder().build());

	@Test
	void switchboardsOwnValidationSentencesAreTheAnswer() {
		ProblemDetail problem = problems.badInput(new IllegalArgumentException("limit must be between 1 and 500"));
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getDetail()).isEqualTo("limit must be between 1 and 500");
	}

	@Test
	void aLibrarysExceptionTextIsNeverEchoed() {
		IllegalArgumentException jdk = null;
		try {
			new SecretKeySpec(new byte[0], "HmacSHA256");
		}
		catch (IllegalArgumentException e) {
			jdk = e;
		}
		assertThat(jdk).hasMessage("Empty key");
		ProblemDetail problem = problems.badInput(jdk);
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getDetail()).isEqualTo("The request is not valid.").doesNotContain("Empty key");
		assertThat(((ProblemDetail) problems.unexpected(new IllegalStateException("secret detail")).getBody()).getDetail())
				.doesNotContain("secret detail");
	}

	@Test
	void springMvcsOwnErrorsGetTheProductsTypesAndSwitchboardsSentences() throws Exception {
		ResponseEntity<Object> notFound = problems.handleException(
				new NoResourceFoundException(HttpMethod.GET, "/secret/<b>path</b>", "secret/<b>path</b>"), web());
		assertThat(notFound.getStatusCode().value()).isEqualTo(404);
		ProblemDetail problem = (ProblemDetail) notFound.getBody();
		assertThat(problem.getType().toString()).isEqualTo("https://switchboard.example/problems/not-found");
		assertThat(problem.getDetail()).isEqualTo("There is nothing at this path.");

		MethodParameter header = new MethodParameter(
				ApiProblemsTests.class.getDeclaredMethod("takesAHeader", String.class), 0);
		ProblemDetail missing = (ProblemDetail) problems
				.handleException(new MissingRequestHeaderException("X-Tenant-ID", header), web()).getBody();
		assertThat(missing.getType().toString()).endsWith("/invalid-request");
		assertThat(missing.getDetail()).isEqualTo("The header X-Tenant-ID is required.");

		ProblemDetail media = (ProblemDetail) problems.handleException(new HttpMediaTypeNotSupportedException(
				MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON)), web()).getBody();
		assertThat(media.getType().toString()).endsWith("/unsupported-media-type");
		assertThat(media.getDetail()).isEqualTo("The body's Content-Type is not accepted here; send application/json.");
	}

	@Test
	void aBodyReadPastItsLimitIsTooLargeWhateverWrappedIt() throws Exception {
		ResponseEntity<Object> answer = problems.handleException(new HttpMessageNotReadableException(
				"I/O error while reading input message", new BodyLimit.TooLarge(65536), null), web());
		assertThat(answer.getStatusCode().value()).isEqualTo(413);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(new String((byte[]) answer.getBody(), StandardCharsets.UTF_8))
				.contains("/problems/body-too-large").contains("at most 65536 bytes");
		assertThat(problems.unexpected(new IllegalStateException(new BodyLimit.TooLarge(65536))).getStatusCode()
				.value()).isEqualTo(413);
	}

	@Test
	void aBrokenRuleOfTheBodyIsListedWithItsPointerAndNamedInTheDetail() throws Exception {
		BeanPropertyBindingResult result = new BeanPropertyBindingResult(new Object(), "request");
		result.addError(new FieldError("request", "to", "must be a WhatsApp number"));
		result.addError(new FieldError("request", "items[0].id", "must be at most 256 characters"));
		MethodParameter body = new MethodParameter(
				ApiProblemsTests.class.getDeclaredMethod("takesAHeader", String.class), 0);
		ProblemDetail problem = (ProblemDetail) problems.handleException(
				new MethodArgumentNotValidException(body, result), web()).getBody();

		assertThat(problem.getType().toString()).endsWith("/invalid-request");
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getDetail())
				.isEqualTo("items[0].id must be at most 256 characters; to must be a WhatsApp number.");
		assertThat(problem.getProperties()).containsEntry(ApiProblems.ERRORS, List.of(
				Map.of("pointer", "#/items/0/id", "detail", "must be at most 256 characters"),
				Map.of("pointer", "#/to", "detail", "must be a WhatsApp number")));
	}

	@Test
	void aRefusalRaisedAsAProblemExceptionIsAnsweredAsItIs() throws Exception {
		ResponseEntity<Object> answer = problems.handleException(new ProblemException(ProblemType.ALREADY_RESOLVED,
				"Dead letter 7 was replayed by ops@10.0.0.1; nothing was done.")
				.retryAfter(Duration.ofSeconds(3)), web());

		assertThat(answer.getStatusCode().value()).isEqualTo(409);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("3");
		assertThat(((ProblemDetail) answer.getBody()).getType()).isEqualTo(ProblemType.ALREADY_RESOLVED.uri());
		assertThat(((ProblemDetail) answer.getBody()).getDetail()).startsWith("Dead letter 7 was replayed");
	}

	private static ServletWebRequest web() {
		return new ServletWebRequest(new MockHttpServletRequest(), new MockHttpServletResponse());
	}

	void takesAHeader(String value) {
	}
}

package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/**
 * Problem details never carry another component's exception text.
 */
class ApiProblemsTests {

	private final ApiProblems problems = new ApiProblems();

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
		assertThat(problems.unexpected(new IllegalStateException("secret detail")).getBody().getDetail())
				.doesNotContain("secret detail");
	}
}

package io.switchboard.platform.http;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTests {

	static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

	@Test
	void readsDelaySeconds() {
		assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
		assertThat(RetryAfter.parse(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse("0", NOW)).isZero();
	}

	@Test
	void readsAnImfFixdateAsTheTimeLeftUntilIt() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:29:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void readsTheObsoleteDateFormsRecipientsMustAccept() {
		assertThat(RetryAfter.parse("Wednesday, 21-Oct-26 07:28:05 GMT", NOW)).isEqualTo(Duration.ofSeconds(5));
		assertThat(RetryAfter.parse("Wed Oct 21 07:28:10 2026", NOW)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void takesADateInThePastAsNow() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).isZero();
		assertThat(RetryAfter.parse("Thu, 01 Jan 1970 00:00:00 GMT", NOW)).isZero();
	}

	@Test
	void capsWaitsAtADay() {
		assertThat(RetryAfter.parse("86401", NOW)).isEqualTo(Duration.ofDays(1));
		assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEqualTo(Duration.ofDays(1));
		assertThat(RetryAfter.parse("Fri, 21 Oct 2039 07:28:00 GMT", NOW)).isEqualTo(Duration.ofDays(1));
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "  ", "soon", "-5", "+5", "1.5", "5s", "12 34", "Wed, 32 Oct 2026 07:28:00 GMT",
			"2026-10-21T07:29:00Z", "Wed, 21 Oct 2026 07:29:00" })
	void ignoresWhatIsNeitherDelaySecondsNorAnHttpDate(String value) {
		assertThat(RetryAfter.parse(value, NOW)).isNull();
	}
}

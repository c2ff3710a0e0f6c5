package io.switchboard.platform.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Reads {@code Retry-After} (RFC 9110 §10.2.3) in both its forms: delay-seconds ({@code 120}) and an HTTP-date
 * ({@code Wed, 21 Oct 2026 07:28:00 GMT}, and the two obsolete date forms recipients must accept). An HTTP-date in the
 * past means "now"; anything else, a negative or fractional number included, is ignored as if there were no header.
 */
public final class RetryAfter {

	/** The header's name. */
	public static final String HEADER = "Retry-After";

	/** The longest wait taken from a header; larger values are capped to it. */
	static final Duration LONGEST = Duration.ofDays(1);

	private RetryAfter() {}

	/**
	 * @param value the header's value, if there was one.
	 * @param now the current time, to turn an HTTP-date into a wait.
	 * @return the wait asked for (zero for a date in the past, at most a day), or {@literal null} when there was no
	 *         usable value.
	 */
	public static @Nullable Duration parse(@Nullable String value, Instant now) {
		if (value == null) {
			return null;
		}
		String text = value.strip();
		if (text.isEmpty()) {
			return null;
		}
		if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return seconds(text);
		}
		ZonedDateTime date = date(text);
		if (date == null) {
			return null;
		}
		Duration until = Duration.between(now, date.toInstant());
		return until.isNegative() ? Duration.ZERO : min(until, LONGEST);
	}

	private static Duration seconds(String digits) {
		if (digits.length() > 9) {
			return LONGEST;
		}
		return min(Duration.ofSeconds(Long.parseLong(digits)), LONGEST);
	}

	private static @Nullable ZonedDateTime date(String text) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HEADER, text);
		try {
			return headers.getFirstZonedDateTime(HEADER);
		}
		catch (IllegalArgumentException unparsable) {
			return null;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}
}

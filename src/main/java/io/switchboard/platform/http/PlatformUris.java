package io.switchboard.platform.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.web.util.UriUtils;

/**
 * Joins a platform's base URL (as a tenant configured it, with or without a trailing slash or a path of its own) and
 * the path of an endpoint, in one place.
 */
public final class PlatformUris {

	private PlatformUris() {}

	/**
	 * @param base the platform's base URL, for example {@code https://graph.facebook.com} or
	 *        {@code http://localhost:8080/sandbox/meta/}.
	 * @param segments path segments, each percent-encoded as one segment (a {@code /} inside one is encoded).
	 * @return the base with the segments appended.
	 */
	public static URI under(URI base, String... segments) {
		return URI.create(join(base, segments));
	}

	/**
	 * @param query a query already encoded, without the {@code ?}.
	 * @return {@link #under(URI, String...)} with the query.
	 */
	public static URI withQuery(URI base, String query, String... segments) {
		return URI.create(join(base, segments) + "?" + query);
	}

	private static String join(URI base, String... segments) {
		var uri = new StringBuilder(base.toString());
		while (!uri.isEmpty() && uri.charAt(uri.length() - 1) == '/') {
			uri.setLength(uri.length() - 1);
		}
		for (String segment : segments) {
			uri.append('/').append(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
		}
		return uri.toString();
	}
}

package io.switchboard.media.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaKey;
import io.switchboard.media.store.LinkSigner.Verdict;

import org.junit.jupiter.api.Test;

class LinkSignerTests {

	private static final String SHA = "a".repeat(64);
	private static final MediaKey KEY = new MediaKey(MediaBucket.MEDIA_INBOUND, "acme", SHA);

	private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
	private final LinkSigner signer = new LinkSigner(
			"a signing key of at least thirty-two characters".getBytes(StandardCharsets.UTF_8),
			URI.create("https://switchboard.example.com/"), clock);

	@Test
	void aLinkNamesThePublicBaseUrlTheObjectsPathAndItsExpiry() {
		URI link = signer.link(KEY, Duration.ofMinutes(15));

		assertThat(link.getScheme() + "://" + link.getHost() + link.getPath())
				.isEqualTo("https://switchboard.example.com/media/media-inbound/acme/" + SHA);
		assertThat(query(link)).containsEntry("expires",
				String.valueOf(Instant.parse("2026-03-01T10:15:00Z").getEpochSecond()));
		assertThat(query(link).get("signature")).matches("[A-Za-z0-9_-]{43}");
	}

	@Test
	void aLinkItSignedIsValidUntilItsExpiryAndExpiredAfter() {
		Map<String, String> query = query(signer.link(KEY, Duration.ofMinutes(15)));
		String path = "/media/media-inbound/acme/" + SHA;

		assertThat(signer.verify(path, query.get("expires"), query.get("signature"))).isEqualTo(Verdict.VALID);
		clock.advance(Duration.ofMinutes(15));
		assertThat(signer.verify(path, query.get("expires"), query.get("signature"))).isEqualTo(Verdict.VALID);
		clock.advance(Duration.ofSeconds(1));
		assertThat(signer.verify(path, query.get("expires"), query.get("signature"))).isEqualTo(Verdict.EXPIRED);
	}

	@Test
	void aTamperedPathIsInvalid() {
		Map<String, String> query = query(signer.link(KEY, Duration.ofMinutes(15)));

		assertThat(signer.verify("/media/media-inbound/globex/" + SHA, query.get("expires"), query.get("signature")))
				.isEqualTo(Verdict.INVALID);
		assertThat(signer.verify("/media/media-outbound/acme/" + SHA, query.get("expires"), query.get("signature")))
				.isEqualTo(Verdict.INVALID);
		assertThat(signer.verify("/media/media-inbound/acme/" + "b".repeat(64), query.get("expires"),
				query.get("signature"))).isEqualTo(Verdict.INVALID);
	}

	@Test
	void aTamperedExpiryIsInvalidNotMerelyExpired() {
		Map<String, String> query = query(signer.link(KEY, Duration.ofMinutes(15)));
		String path = "/media/media-inbound/acme/" + SHA;
		String later = String.valueOf(Long.parseLong(query.get("expires")) + 3600);

		assertThat(signer.verify(path, later, query.get("signature"))).isEqualTo(Verdict.INVALID);
		clock.advance(Duration.ofDays(1));
		assertThat(signer.verify(path, "1", query.get("signature"))).isEqualTo(Verdict.INVALID);
	}

	@Test
	void aMissingOrMalformedSignatureOrExpiryIsInvalid() {
		Map<String, String> query = query(signer.link(KEY, Duration.ofMinutes(15)));
		String path = "/media/media-inbound/acme/" + SHA;

		assertThat(signer.verify(path, null, query.get("signature"))).isEqualTo(Verdict.INVALID);
		assertThat(signer.verify(path, query.get("expires"), null)).isEqualTo(Verdict.INVALID);
		assertThat(signer.verify(path, "-5", query.get("signature"))).isEqualTo(Verdict.INVALID);
		assertThat(signer.verify(path, query.get("expires"), "not base64!")).isEqualTo(Verdict.INVALID);
		assertThat(signer.verify(path, query.get("expires"), "")).isEqualTo(Verdict.INVALID);
	}

	@Test
	void aLinkSignedWithAnotherKeyIsInvalid() {
		LinkSigner other = new LinkSigner("another key, also thirty-two characters".getBytes(StandardCharsets.UTF_8),
				URI.create("https://switchboard.example.com"), clock);
		Map<String, String> query = query(other.link(KEY, Duration.ofMinutes(15)));

		assertThat(signer.verify("/media/media-inbound/acme/" + SHA, query.get("expires"), query.get("signature")))
				.isEqualTo(Verdict.INVALID);
	}

	static Map<String, String> query(URI link) {
		return Stream.of(link.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
				.collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
	}
}

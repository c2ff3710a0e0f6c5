package io.switchboard.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.switchboard.AbstractIntegrationTests;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The filesystem store's links through the running application: what the store signs, {@code /media/**} serves
 * without an API key, and refuses when tampered with, expired or unknown.
 */
class MediaLinkIntegrationTests extends AbstractIntegrationTests {

	private static final byte[] PHOTO = "\u00ff\u00d8\u00ff pretend this is a customer's JPEG".getBytes(
			StandardCharsets.ISO_8859_1);

	@Autowired
	MediaStore store;

	@Test
	void aSignedLinkAnswersTheBytesWithTheStoredHeadersAndNoKey() throws Exception {
		StoredMedia stored = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO),
				"image/jpeg", "Foto von Jürgen.jpg", 1024);

		URI link = store.link(stored.key(), Duration.ofMinutes(15));
		HttpResponse<byte[]> answer = get(link);

		assertThat(link.toString()).startsWith(url("/media/media-inbound/acme/" + stored.sha256()).toString());
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo(PHOTO);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(answer.headers().firstValue("Content-Length")).hasValue(String.valueOf(PHOTO.length));
		assertThat(answer.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition -> assertThat(
				disposition).startsWith("attachment;").contains("filename*=UTF-8''Foto%20von%20J%C3%BCrgen.jpg"));
		assertThat(answer.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(
				"default-src 'none'; frame-ancestors 'none'");
		assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
	}

	@Test
	void aTamperedLinkIsForbiddenAsAProblem() throws Exception {
		StoredMedia stored = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO),
				"image/jpeg", null, 1024);
		StoredMedia globex = store.put(MediaBucket.MEDIA_INBOUND, "globex", new ByteArrayInputStream(PHOTO),
				"image/jpeg", null, 1024);
		String link = store.link(stored.key(), Duration.ofMinutes(15)).toString();

		HttpResponse<String> otherTenant = getText(URI.create(link.replace("/acme/", "/globex/")));
		HttpResponse<String> laterExpiry = getText(URI.create(link.replaceFirst("expires=(\\d+)", "expires=$19")));
		HttpResponse<String> unsigned = getText(URI.create(link.substring(0, link.indexOf('?'))));

		assertThat(store.find(globex.key())).isPresent();
		for (HttpResponse<String> answer : java.util.List.of(otherTenant, laterExpiry, unsigned)) {
			assertThat(answer.statusCode()).isEqualTo(403);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(answer.body()).contains("\"type\":\"https://switchboard.example/problems/invalid-media-link\"")
					.contains("\"status\":403").contains("not Switchboard's").doesNotContain("JPEG");
		}
	}

	@Test
	void anExpiredLinkIsForbiddenAsAProblem() throws Exception {
		StoredMedia stored = store.put(MediaBucket.MEDIA_OUTBOUND, "acme", new ByteArrayInputStream(PHOTO),
				"image/jpeg", null, 1024);

		HttpResponse<String> answer = getText(store.link(stored.key(), Duration.ofSeconds(-2)));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.body()).contains("\"type\":\"https://switchboard.example/problems/invalid-media-link\"")
				.contains("expired");
	}

	@Test
	void aSignedLinkToNothingStoredIsNotFoundAsAProblem() throws Exception {
		MediaKey unknown = new MediaKey(MediaBucket.MEDIA_INBOUND, "acme", "1".repeat(64));

		HttpResponse<String> answer = getText(store.link(unknown, Duration.ofMinutes(15)));

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("\"type\":\"https://switchboard.example/problems/not-found\"");
	}

	private HttpResponse<byte[]> get(URI link) throws Exception {
		return http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<String> getText(URI link) throws Exception {
		return http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
	}
}

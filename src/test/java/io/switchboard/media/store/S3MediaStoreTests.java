package io.switchboard.media.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.NoSuchElementException;

import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaKey;
import io.switchboard.media.MediaTooLarge;
import io.switchboard.media.StoredMedia;
import io.switchboard.platform.Secret;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 adapter against a real S3 API server started in the test (s3proxy, in memory, AWS V4 signatures), with the
 * settings an S3-compatible store needs: endpoint override, path-style access, checksums only where required.
 */
class S3MediaStoreTests {

	private static final String ACCESS_KEY = InProcessS3.ACCESS_KEY;
	private static final String SECRET_KEY = InProcessS3.SECRET_KEY;
	private static final byte[] DOCUMENT = "%PDF-1.7 pretend this is an agent's document"
			.getBytes(StandardCharsets.UTF_8);

	private static InProcessS3 server;
	private static URI endpoint;

	@TempDir
	Path spool;

	private final TestClock clock = new TestClock(Instant.now());
	private S3MediaStore store;

	@BeforeAll
	static void startS3Proxy() {
		server = InProcessS3.start();
	}

	@AfterAll
	static void stopS3Proxy() throws Exception {
		server.close();
	}

	@BeforeEach
	void store() {
		assumeTrue(server.unavailable() == null, server::unavailable);
		endpoint = server.endpoint();
		store = new S3MediaStore(settings(endpoint), spool, clock);
		store.createBuckets();
	}

	@AfterEach
	void close() {
		if (store != null) {
			store.deleteStoredBefore(Instant.now().plus(Duration.ofDays(1)));
			store.close();
		}
	}

	@Test
	void createsTheFourBucketsAndCreatingThemAgainChangesNothing() {
		store.createBuckets();

		StoredMedia stored = store.put(MediaBucket.WEBHOOKS_OUTBOUND, "acme",
				new ByteArrayInputStream("{}".getBytes()), "application/json", null, 1024);
		assertThat(store.find(stored.key())).isPresent();
	}

	@Test
	void putFindAndOpenKeepTheBytesTheirContentTypeAndFilename() throws Exception {
		StoredMedia stored = store.put(MediaBucket.MEDIA_OUTBOUND, "acme", new ByteArrayInputStream(DOCUMENT),
				"application/pdf", "Angebot für Müller.pdf", 1024);

		assertThat(stored.key()).isEqualTo(new MediaKey(MediaBucket.MEDIA_OUTBOUND, "acme", sha256(DOCUMENT)));
		assertThat(stored.size()).isEqualTo(DOCUMENT.length);
		assertThat(store.find(stored.key())).contains(stored);
		try (InputStream content = store.open(stored.key())) {
			assertThat(content.readAllBytes()).isEqualTo(DOCUMENT);
		}
		assertThat(spool).isEmptyDirectory();
	}

	@Test
	void aLargeObjectStreamsInAndOutWithItsHash() throws Exception {
		long size = 24L * 1024 * 1024;
		MessageDigest expected = MessageDigest.getInstance("SHA-256");
		StoredMedia stored = store.put(MediaBucket.MEDIA_INBOUND, "acme", generated(size, expected), "video/mp4", null,
				size);

		assertThat(stored.size()).isEqualTo(size);
		assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
		MessageDigest read = MessageDigest.getInstance("SHA-256");
		long count = 0;
		try (InputStream content = store.open(stored.key())) {
			byte[] buffer = new byte[64 * 1024];
			for (int n; (n = content.read(buffer)) != -1;) {
				read.update(buffer, 0, n);
				count += n;
			}
		}
		assertThat(count).isEqualTo(size);
		assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(stored.sha256());
	}

	@Test
	void theSameBytesOfOneTenantAreOneObject() {
		StoredMedia first = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(DOCUMENT),
				"application/pdf", null, 1024);
		StoredMedia again = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(DOCUMENT),
				"application/pdf", null, 1024);

		assertThat(again.key()).isEqualTo(first.key());
		assertThat(store.deleteStoredBefore(Instant.now().plus(Duration.ofDays(1)))).isEqualTo(1);
	}

	@Test
	void contentOverTheLimitIsRefusedAndNothingIsKept() {
		assertThatThrownBy(() -> store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(DOCUMENT),
				"application/pdf", null, 10)).isInstanceOf(MediaTooLarge.class);

		assertThat(store.find(new MediaKey(MediaBucket.MEDIA_INBOUND, "acme", sha256(DOCUMENT)))).isEmpty();
		assertThat(spool).isEmptyDirectory();
	}

	@Test
	void anObjectNeverStoredIsNotFoundAndCannotBeOpened() {
		MediaKey unknown = new MediaKey(MediaBucket.MEDIA_INBOUND, "acme", "0".repeat(64));

		assertThat(store.find(unknown)).isEmpty();
		assertThatThrownBy(() -> store.open(unknown)).isInstanceOf(NoSuchElementException.class);
	}

	@Test
	void aPresignedLinkAnswersTheBytesWithoutCredentials() throws Exception {
		StoredMedia stored = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(DOCUMENT),
				"application/pdf", "offer.pdf", 1024);

		URI link = store.link(stored.key(), Duration.ofMinutes(15));
		HttpResponse<byte[]> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(link.toString()).startsWith(endpoint + "/media-inbound/acme/" + stored.sha256() + "?")
				.contains("X-Amz-Signature=");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo(DOCUMENT);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(answer.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				disposition -> assertThat(disposition).contains("offer.pdf"));
	}

	@Test
	void aPresignedLinkUsesThePublicEndpoint() {
		StoredMedia stored = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(DOCUMENT),
				"application/pdf", null, 1024);
		MediaSettings.S3 withPublic = new MediaSettings.S3(endpoint, URI.create("https://media.example.com"),
				"us-east-1", ACCESS_KEY, Secret.of(SECRET_KEY), true, false, seedBuckets());

		try (S3MediaStore behindProxy = new S3MediaStore(withPublic, spool, clock)) {
			assertThat(behindProxy.link(stored.key(), Duration.ofMinutes(5)).toString())
					.startsWith("https://media.example.com/media-inbound/acme/" + stored.sha256() + "?");
		}
	}

	@Test
	void theRetentionSweepDeletesTheObjectsStoredBeforeTheCutoff() {
		StoredMedia old = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(DOCUMENT),
				"application/pdf", null, 1024);
		StoredMedia webhook = store.put(MediaBucket.WEBHOOKS_INBOUND, "globex",
				new ByteArrayInputStream("{}".getBytes()), "application/json", null, 1024);

		assertThat(store.deleteStoredBefore(Instant.now().minus(Duration.ofHours(1)))).isZero();
		assertThat(store.deleteStoredBefore(Instant.now().plus(Duration.ofMinutes(1)))).isEqualTo(2);
		assertThat(store.find(old.key())).isEmpty();
		assertThat(store.find(webhook.key())).isEmpty();
	}

	@Test
	void aLeftOverSpoolFileIsSweptAfterADay() throws Exception {
		Path leftOver = Files.createTempFile(spool, "spool-", ".tmp");
		Files.setLastModifiedTime(leftOver, java.nio.file.attribute.FileTime.from(clock.instant()));
		clock.advance(Duration.ofDays(2));

		store.deleteStoredBefore(clock.instant().minus(Duration.ofDays(30)));

		assertThat(leftOver).doesNotExist();
	}

	/**
	 * @return {@code size} pseudo-random bytes, produced as they are read, their hash kept in {@code digest}.
	 */
	private static InputStream generated(long size, MessageDigest digest) {
		return new InputStream() {
			private final java.util.Random random = new java.util.Random(42);
			private long left = size;

			@Override
			public int read() {
				byte[] one = new byte[1];
				return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (left == 0) {
					return -1;
				}
				int n = (int) Math.min(length, left);
				byte[] chunk = new byte[n];
				random.nextBytes(chunk);
				System.arraycopy(chunk, 0, buffer, offset, n);
				digest.update(chunk);
				left -= n;
				return n;
			}
		};
	}

	private static MediaSettings.S3 settings(URI endpoint) {
		return new MediaSettings.S3(endpoint, null, "us-east-1", ACCESS_KEY, Secret.of(SECRET_KEY), true, true,
				seedBuckets());
	}

	private static MediaSettings.Buckets seedBuckets() {
		return new MediaSettings.Buckets("media-inbound", "media-outbound", "webhooks-inbound", "webhooks-outbound");
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}

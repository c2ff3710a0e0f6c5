package io.switchboard.media.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaKey;
import io.switchboard.media.MediaTooLarge;
import io.switchboard.media.StoredMedia;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

class FilesystemMediaStoreTests {

	private static final byte[] PHOTO = "a customer's photo, pretend it is a JPEG".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path root;

	private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));

	private FilesystemMediaStore store() {
		LinkSigner signer = new LinkSigner("a signing key of at least thirty-two characters".getBytes(),
				URI.create("http://localhost:3000"), clock);
		return new FilesystemMediaStore(root, signer, JsonMapper.builder().build(), clock);
	}

	@Test
	void anObjectIsStoredUnderItsTenantAndTheSha256OfItsBytes() throws Exception {
		StoredMedia stored = store().put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO),
				"image/jpeg", "photo.jpg", 1024);

		assertThat(stored.sha256()).isEqualTo(sha256(PHOTO));
		assertThat(stored.size()).isEqualTo(PHOTO.length);
		assertThat(stored.key()).isEqualTo(new MediaKey(MediaBucket.MEDIA_INBOUND, "acme", sha256(PHOTO)));
		assertThat(root.resolve("media-inbound/acme/" + sha256(PHOTO))).hasBinaryContent(PHOTO);
	}

	@Test
	void findAndOpenAnswerWhatWasStoredWithItsContentTypeAndFilename() throws Exception {
		FilesystemMediaStore store = store();
		StoredMedia stored = store.put(MediaBucket.MEDIA_OUTBOUND, "acme", new ByteArrayInputStream(PHOTO),
				"application/pdf", "Angebot für Müller.pdf", 1024);

		assertThat(store().find(stored.key())).contains(stored);
		try (InputStream content = store().open(stored.key())) {
			assertThat(content.readAllBytes()).isEqualTo(PHOTO);
		}
	}

	@Test
	void theSidecarKeepsContentTypeFilenameAndWhenTheObjectWasStored() throws Exception {
		StoredMedia stored = store().put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO),
				"image/jpeg", "photo.jpg", 1024);

		String sidecar = Files.readString(root.resolve("media-inbound/acme/" + stored.sha256() + ".json"));
		assertThat(sidecar).contains("\"contentType\":\"image/jpeg\"").contains("\"filename\":\"photo.jpg\"")
				.contains("2026-03-01T10:00:00Z");
	}

	@Test
	void theSameBytesOfOneTenantAreOneObjectAndOtherTenantsKeepTheirOwn() throws Exception {
		FilesystemMediaStore store = store();
		StoredMedia first = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO), "image/jpeg",
				"a.jpg", 1024);
		StoredMedia again = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO),
				"image/jpeg", "b.jpg", 1024);
		StoredMedia globex = store.put(MediaBucket.MEDIA_INBOUND, "globex", new ByteArrayInputStream(PHOTO),
				"image/jpeg", null, 1024);

		assertThat(again.key()).isEqualTo(first.key());
		assertThat(globex.key()).isNotEqualTo(first.key());
		assertThat(objects()).containsExactlyInAnyOrder("media-inbound/acme/" + first.sha256(),
				"media-inbound/globex/" + first.sha256());
		assertThat(store.find(first.key())).map(StoredMedia::filename).contains("b.jpg");
		assertThat(store.find(globex.key())).map(StoredMedia::filename).isEmpty();
	}

	@Test
	void contentOverTheLimitIsRefusedAndNothingIsKept() throws Exception {
		FilesystemMediaStore store = store();

		assertThatThrownBy(() -> store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO),
				"image/jpeg", null, PHOTO.length - 1)).isInstanceOfSatisfying(MediaTooLarge.class,
						refused -> assertThat(refused.limit()).isEqualTo(PHOTO.length - 1));
		assertThat(allFiles()).isEmpty();

		StoredMedia exactly = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO),
				"image/jpeg", null, PHOTO.length);
		assertThat(exactly.size()).isEqualTo(PHOTO.length);
	}

	@Test
	void anObjectNeverStoredIsNotFoundAndCannotBeOpened() {
		MediaKey unknown = new MediaKey(MediaBucket.MEDIA_INBOUND, "acme", "0".repeat(64));

		assertThat(store().find(unknown)).isEmpty();
		assertThatThrownBy(() -> store().open(unknown)).isInstanceOf(NoSuchElementException.class);
	}

	@Test
	void theRetentionSweepDeletesOnlyObjectsStoredBeforeTheCutoff() throws Exception {
		FilesystemMediaStore store = store();
		StoredMedia old = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO), "image/jpeg",
				null, 1024);
		StoredMedia webhook = store.put(MediaBucket.WEBHOOKS_INBOUND, "acme",
				new ByteArrayInputStream("{}".getBytes()), "application/json", null, 1024);
		clock.advance(Duration.ofDays(10));
		StoredMedia recent = store.put(MediaBucket.MEDIA_OUTBOUND, "globex",
				new ByteArrayInputStream("a document".getBytes()), "application/pdf", "d.pdf", 1024);

		int deleted = store.deleteStoredBefore(clock.instant().minus(Duration.ofDays(5)));

		assertThat(deleted).isEqualTo(2);
		assertThat(store.find(old.key())).isEmpty();
		assertThat(store.find(webhook.key())).isEmpty();
		assertThat(store.find(recent.key())).isPresent();
		assertThat(allFiles()).containsExactlyInAnyOrder("media-outbound/globex/" + recent.sha256(),
				"media-outbound/globex/" + recent.sha256() + ".json");
	}

	@Test
	void storingTheSameBytesAgainRestartsTheirRetention() throws Exception {
		FilesystemMediaStore store = store();
		StoredMedia first = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO), "image/jpeg",
				null, 1024);
		clock.advance(Duration.ofDays(10));
		store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO), "image/jpeg", null, 1024);

		assertThat(store.deleteStoredBefore(clock.instant().minus(Duration.ofDays(5)))).isZero();
		assertThat(store.find(first.key())).isPresent();
	}

	@Test
	void aLinkIsSignedForTheObjectsPath() {
		StoredMedia stored = store().put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(PHOTO),
				"image/jpeg", null, 1024);

		URI link = store().link(stored.key(), Duration.ofMinutes(15));

		assertThat(link.toString()).startsWith("http://localhost:3000/media/media-inbound/acme/" + stored.sha256()
				+ "?expires=");
	}

	private List<String> objects() throws IOException {
		return allFiles().stream().filter(file -> !file.endsWith(".json")).toList();
	}

	private List<String> allFiles() throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).toList();
		}
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}
}

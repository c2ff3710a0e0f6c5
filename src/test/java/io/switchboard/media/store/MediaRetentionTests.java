package io.switchboard.media.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaKey;
import io.switchboard.media.MediaStore;
import io.switchboard.media.StoredMedia;
import io.switchboard.platform.ClusterOnce;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

class MediaRetentionTests {

	@TempDir
	Path root;

	private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));

	@Test
	void theSweepDeletesWhatWasStoredLongerAgoThanTheRetention() {
		FilesystemMediaStore store = new FilesystemMediaStore(root,
				new LinkSigner(new byte[32], URI.create("http://localhost:3000"), clock), JsonMapper.builder().build(),
				clock);
		StoredMedia old = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(new byte[] { 1 }),
				"image/png", null, 10);
		clock.advance(Duration.ofDays(29));
		StoredMedia young = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(new byte[] { 2 }),
				"image/png", null, 10);
		MediaRetention retention = new MediaRetention(store, Duration.ofDays(30), clock, FREE);

		assertThat(retention.sweep()).isZero();
		clock.advance(Duration.ofDays(1).plusSeconds(1));
		assertThat(retention.sweep()).isEqualTo(1);
		assertThat(store.find(old.key())).isEmpty();
		assertThat(store.find(young.key())).isPresent();
	}

	@Test
	void aSweepThatFailsIsLoggedAndTheNextOneRunsAgain() {
		MediaRetention retention = new MediaRetention(new Unreachable(), Duration.ofDays(30), clock, FREE);

		assertThat(retention.sweep()).isZero();
		assertThat(retention.sweep()).isZero();
	}

	@Test
	void theScheduledSweepRunsOnlyInTheProcessThatTakesTheClusterLock() {
		FilesystemMediaStore store = new FilesystemMediaStore(root,
				new LinkSigner(new byte[32], URI.create("http://localhost:3000"), clock), JsonMapper.builder().build(),
				clock);
		StoredMedia old = store.put(MediaBucket.MEDIA_INBOUND, "acme", new ByteArrayInputStream(new byte[] { 1 }),
				"image/png", null, 10);
		clock.advance(Duration.ofDays(31));

		new MediaRetention(store, Duration.ofDays(30), clock, HELD_ELSEWHERE).scheduledSweep();
		assertThat(store.find(old.key())).isPresent();

		new MediaRetention(store, Duration.ofDays(30), clock, FREE).scheduledSweep();
		assertThat(store.find(old.key())).isEmpty();
	}

	private static final ClusterOnce FREE = new ClusterOnce(lock -> Optional.of(() -> {}));

	private static final ClusterOnce HELD_ELSEWHERE = new ClusterOnce(lock -> Optional.empty());

	private static final class Unreachable implements MediaStore {

		@Override
		public StoredMedia put(MediaBucket bucket, String tenantId, InputStream content, String contentType,
				@Nullable String filename, long maxBytes) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<StoredMedia> find(MediaKey key) {
			throw new UnsupportedOperationException();
		}

		@Override
		public InputStream open(MediaKey key) {
			throw new UnsupportedOperationException();
		}

		@Override
		public URI link(MediaKey key, Duration lifetime) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int deleteStoredBefore(Instant cutoff) {
			throw new IllegalStateException("the store is unreachable");
		}
	}
}

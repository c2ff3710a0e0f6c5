package io.switchboard.media;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Object storage for media and raw webhook payloads. Content streams in and out: no implementation holds an object
 * whole in memory. Adapters: the local filesystem (the embedded default) and the S3 API, chosen by
 * {@code switchboard.media.store}.
 */
public interface MediaStore {

	/**
	 * Stores bytes under their content address, streaming; storing the same bytes again for the same tenant and
	 * bucket keeps one object.
	 *
	 * @param content read to its end and closed by the caller.
	 * @param maxBytes the most the object may have; more refuses the object and stores nothing.
	 * @throws MediaTooLarge when the content has more than {@code maxBytes}.
	 * @throws java.io.UncheckedIOException when the store cannot be written.
	 */
	StoredMedia put(MediaBucket bucket, String tenantId, InputStream content, String contentType,
			@Nullable String filename, long maxBytes);

	/**
	 * @return what is stored under the key, if anything.
	 */
	Optional<StoredMedia> find(MediaKey key);

	/**
	 * Opens an object's bytes; the caller closes the stream.
	 *
	 * @throws java.util.NoSuchElementException when nothing is stored under the key.
	 */
	InputStream open(MediaKey key);

	/**
	 * A URL a platform can fetch the object from without credentials, valid for the lifetime given.
	 */
	URI link(MediaKey key, Duration lifetime);

	/**
	 * Deletes the objects stored before the cutoff (retention).
	 *
	 * @return how many were deleted.
	 */
	int deleteStoredBefore(Instant cutoff);
}

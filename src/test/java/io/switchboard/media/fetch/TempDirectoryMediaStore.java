package io.switchboard.media.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaKey;
import io.switchboard.media.MediaStore;
import io.switchboard.media.MediaTooLarge;
import io.switchboard.media.StoredMedia;

/**
 * A media store in a temporary directory for the fetcher's tests: content-addressed, streaming, limit-honouring,
 * the metadata in memory.
 */
final class TempDirectoryMediaStore implements MediaStore {

	private final Path root;

	private final Map<MediaKey, Entry> entries = new ConcurrentHashMap<>();

	private record Entry(StoredMedia media, Instant storedAt) {
	}

	TempDirectoryMediaStore(Path root) {
		this.root = root;
	}

	@Override
	public StoredMedia put(MediaBucket bucket, String tenantId, InputStream content, String contentType,
			@Nullable String filename, long maxBytes) {
		try {
			Path partial = Files.createTempFile(root, "partial", ".bin");
			try {
				MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
				long size = 0;
				try (InputStream in = new DigestInputStream(content, sha256);
						OutputStream out = Files.newOutputStream(partial)) {
					byte[] buffer = new byte[8192];
					for (int read; (read = in.read(buffer)) != -1;) {
						size += read;
						if (size > maxBytes) {
							throw new MediaTooLarge(maxBytes);
						}
						out.write(buffer, 0, read);
					}
				}
				MediaKey key = new MediaKey(bucket, tenantId, HexFormat.of().formatHex(sha256.digest()));
				Path target = root.resolve(key.path());
				Files.createDirectories(target.getParent());
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
				StoredMedia media = new StoredMedia(key, size, contentType, filename);
				entries.put(key, new Entry(media, Instant.now()));
				return media;
			}
			finally {
				Files.deleteIfExists(partial);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public Optional<StoredMedia> find(MediaKey key) {
		return Optional.ofNullable(entries.get(key)).map(Entry::media);
	}

	@Override
	public InputStream open(MediaKey key) {
		if (!entries.containsKey(key)) {
			throw new NoSuchElementException(key.path());
		}
		try {
			return Files.newInputStream(root.resolve(key.path()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public URI link(MediaKey key, Duration lifetime) {
		return root.resolve(key.path()).toUri();
	}

	@Override
	public int deleteStoredBefore(Instant cutoff) {
		int deleted = 0;
		for (Entry entry : entries.values()) {
			if (entry.storedAt().isBefore(cutoff) && entries.remove(entry.media().key(), entry)) {
				deleted++;
			}
		}
		return deleted;
	}

	/**
	 * @return how many objects are stored.
	 */
	int count() {
		return entries.size();
	}
}

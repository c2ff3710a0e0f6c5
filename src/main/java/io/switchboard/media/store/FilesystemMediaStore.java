package io.switchboard.media.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaKey;
import io.switchboard.media.MediaStore;
import io.switchboard.media.StoredMedia;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The media store on the local filesystem: each object at {@code <root>/<bucket>/<tenant>/<sha256>}, next to a
 * sidecar {@code <sha256>.json} with its content type, filename and when it was stored. Content is spooled into
 * {@code <root>/.spool} while it is hashed, then moved into place atomically, so an object is either whole or absent.
 * Links are signed by {@link LinkSigner} and served by {@link MediaLinkController}.
 */
final class FilesystemMediaStore implements MediaStore {

	private static final String SIDECAR = ".json";
	private static final String SPOOL = ".spool";
	private static final Duration SPOOL_GRACE = Duration.ofDays(1);

	private final Path root;
	private final Path spool;
	private final LinkSigner signer;
	private final JsonMapper json;
	private final Clock clock;

	FilesystemMediaStore(Path root, LinkSigner signer, JsonMapper json, Clock clock) {
		this.root = root.toAbsolutePath().normalize();
		this.spool = this.root.resolve(SPOOL);
		this.signer = signer;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public StoredMedia put(MediaBucket bucket, String tenantId, InputStream content, String contentType,
			@Nullable String filename, long maxBytes) {
		try (Spool spooled = Spool.of(content, spool, maxBytes)) {
			MediaKey key = new MediaKey(bucket, tenantId, spooled.sha256());
			Path object = object(key);
			Files.createDirectories(object.getParent());
			writeSidecar(object, new Sidecar(contentType, filename, clock.instant()));
			Files.move(spooled.file(), object, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return new StoredMedia(key, spooled.size(), contentType, filename);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot store an object in " + bucket.bucketName(), e);
		}
	}

	@Override
	public Optional<StoredMedia> find(MediaKey key) {
		Path object = object(key);
		try {
			long size = Files.size(object);
			return readSidecar(object).map(sidecar -> new StoredMedia(key, size, sidecar.contentType(),
					sidecar.filename()));
		}
		catch (NoSuchFileException e) {
			return Optional.empty();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + key.path(), e);
		}
	}

	@Override
	public InputStream open(MediaKey key) {
		try {
			return Files.newInputStream(object(key));
		}
		catch (NoSuchFileException e) {
			throw new NoSuchElementException("nothing stored under " + key.path());
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + key.path(), e);
		}
	}

	@Override
	public URI link(MediaKey key, Duration lifetime) {
		return signer.link(key, lifetime);
	}

	@Override
	public int deleteStoredBefore(Instant cutoff) {
		int deleted = 0;
		for (MediaBucket bucket : MediaBucket.values()) {
			Path directory = root.resolve(bucket.bucketName());
			if (!Files.isDirectory(directory)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(directory, 2)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					if (isObject(file) && storedAt(file).isBefore(cutoff)) {
						Files.deleteIfExists(file);
						Files.deleteIfExists(sidecar(file));
						deleted++;
					}
					else if (isOrphanSidecar(file) && sidecarStoredAt(file).isBefore(cutoff)) {
						Files.deleteIfExists(file);
					}
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException("cannot sweep " + directory, e);
			}
		}
		Instant spoolCutoff = clock.instant().minus(SPOOL_GRACE);
		Spool.deleteLeftOvers(spool, spoolCutoff.isAfter(cutoff) ? spoolCutoff : cutoff);
		return deleted;
	}

	private Path object(MediaKey key) {
		return root.resolve(key.bucket().bucketName()).resolve(key.tenantId()).resolve(key.sha256());
	}

	private static Path sidecar(Path object) {
		return object.resolveSibling(object.getFileName() + SIDECAR);
	}

	private static boolean isObject(Path file) {
		return file.getFileName().toString().matches("[0-9a-f]{64}");
	}

	private static boolean isOrphanSidecar(Path file) {
		String name = file.getFileName().toString();
		return name.endsWith(SIDECAR) && Files.exists(file)
				&& !Files.exists(file.resolveSibling(name.substring(0, name.length() - SIDECAR.length())));
	}

	private Instant sidecarStoredAt(Path sidecar) {
		try {
			return json.readValue(sidecar.toFile(), Sidecar.class).storedAt();
		}
		catch (JacksonException e) {
			return Instant.EPOCH;
		}
	}

	private Instant storedAt(Path object) throws IOException {
		Optional<Sidecar> sidecar = readSidecar(object);
		return sidecar.isPresent() ? sidecar.get().storedAt() : Files.getLastModifiedTime(object).toInstant();
	}

	private void writeSidecar(Path object, Sidecar sidecar) throws IOException {
		Path temporary = Files.createTempFile(object.getParent(), "sidecar-", ".tmp");
		try {
			json.writeValue(temporary.toFile(), sidecar);
			Files.move(temporary, sidecar(object), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		}
		catch (JacksonException e) {
			throw new IOException("cannot write the sidecar of " + object.getFileName(), e);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private Optional<Sidecar> readSidecar(Path object) throws IOException {
		try {
			return Optional.of(json.readValue(sidecar(object).toFile(), Sidecar.class));
		}
		catch (JacksonException e) {
			if (!Files.exists(sidecar(object))) {
				return Optional.empty();
			}
			throw new IOException("cannot read the sidecar of " + object.getFileName(), e);
		}
	}

	/**
	 * What the filesystem does not keep itself.
	 */
	record Sidecar(String contentType, @Nullable String filename, Instant storedAt) {
	}
}

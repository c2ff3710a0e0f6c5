package io.switchboard.media.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.switchboard.media.MediaTooLarge;

/**
 * Content copied to a temporary file while its SHA-256 is computed and its bytes counted, so that neither adapter
 * holds an object in memory and both know its address before they store it.
 *
 * @param file the temporary file; the caller moves or deletes it.
 * @param sha256 lower-case hex.
 * @param size the number of bytes.
 */
record Spool(Path file, String sha256, long size) implements AutoCloseable {

	private static final int BUFFER = 64 * 1024;

	/**
	 * Copies the content into a new file in {@code directory}; more than {@code maxBytes} deletes the file and
	 * refuses the content.
	 *
	 * @throws MediaTooLarge when the content has more than {@code maxBytes}.
	 * @throws UncheckedIOException when the content cannot be read or the file written.
	 */
	static Spool of(InputStream content, Path directory, long maxBytes) {
		Path file;
		try {
			Files.createDirectories(directory);
			file = Files.createTempFile(directory, "spool-", ".tmp");
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create a spool file in " + directory, e);
		}
		try {
			MessageDigest digest = newDigest();
			long size = 0;
			byte[] buffer = new byte[BUFFER];
			try (OutputStream out = Files.newOutputStream(file)) {
				for (int read; (read = content.read(buffer)) != -1;) {
					size += read;
					if (size > maxBytes) {
						throw new MediaTooLarge(maxBytes);
					}
					digest.update(buffer, 0, read);
					out.write(buffer, 0, read);
				}
			}
			return new Spool(file, HexFormat.of().formatHex(digest.digest()), size);
		}
		catch (IOException e) {
			deleteQuietly(file);
			throw new UncheckedIOException("cannot spool the content", e);
		}
		catch (RuntimeException e) {
			deleteQuietly(file);
			throw e;
		}
	}

	/**
	 * Deletes the file if it is still there (after a move it is not).
	 */
	@Override
	public void close() {
		deleteQuietly(file);
	}

	/**
	 * Deletes the spool files in {@code directory} last written before the cutoff: those a process left when it
	 * stopped in the middle of a copy.
	 */
	static void deleteLeftOvers(Path directory, java.time.Instant cutoff) {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (var files = Files.list(directory)) {
			files.filter(file -> file.getFileName().toString().startsWith("spool-")).filter(file -> {
				try {
					return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
				}
				catch (IOException e) {
					return false;
				}
			}).forEach(Spool::deleteQuietly);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list " + directory, e);
		}
	}

	static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ignored) {
			// a left-over spool file is removed by the retention sweep
		}
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}
}

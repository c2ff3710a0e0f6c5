package io.switchboard.media;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an object lives: its bucket, the tenant it belongs to, and its content address (the lower-case hex SHA-256
 * of its bytes). The same bytes of one tenant are one object.
 *
 * @param bucket must not be {@literal null}.
 * @param tenantId the owning tenant; letters, digits, {@code -} and {@code _} only.
 * @param sha256 64 lower-case hex characters.
 */
public record MediaKey(MediaBucket bucket, String tenantId, String sha256) {

	private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	public MediaKey {
		Objects.requireNonNull(bucket, "bucket must not be null");
		if (tenantId == null || !TENANT.matcher(tenantId).matches()) {
			throw new IllegalArgumentException("tenant id must be 1-64 letters, digits, '-' or '_'");
		}
		if (sha256 == null || !SHA256.matcher(sha256).matches()) {
			throw new IllegalArgumentException("sha256 must be 64 lower-case hex characters");
		}
	}

	/**
	 * Reads a key back from its {@link #path()}.
	 *
	 * @throws IllegalArgumentException when it is not one.
	 */
	public static MediaKey parse(String path) {
		String[] parts = path.split("/", -1);
		if (parts.length != 3) {
			throw new IllegalArgumentException("a media key is <bucket>/<tenant>/<sha256>");
		}
		for (MediaBucket bucket : MediaBucket.values()) {
			if (bucket.bucketName().equals(parts[0])) {
				return new MediaKey(bucket, parts[1], parts[2]);
			}
		}
		throw new IllegalArgumentException("no media bucket is named " + parts[0]);
	}

	/**
	 * @return the object's path within the store: {@code <bucket>/<tenant>/<sha256>}.
	 */
	public String path() {
		return bucket.bucketName() + "/" + tenantId + "/" + sha256;
	}
}

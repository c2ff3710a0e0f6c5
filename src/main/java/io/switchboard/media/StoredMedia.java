package io.switchboard.media;

import org.jspecify.annotations.Nullable;

/**
 * An object in the media store, as stored.
 *
 * @param key where it lives (its SHA-256 is its address).
 * @param size its length in bytes.
 * @param contentType its media type, as detected or as the platform that sent it declared.
 * @param filename the name it came with, if any.
 */
public record StoredMedia(MediaKey key, long size, String contentType, @Nullable String filename) {

	/**
	 * @return the lower-case hex SHA-256 of the bytes.
	 */
	public String sha256() {
		return key.sha256();
	}
}

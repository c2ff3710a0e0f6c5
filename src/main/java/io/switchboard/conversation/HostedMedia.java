package io.switchboard.conversation;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A file Switchboard keeps a copy of in its media store: a customer's media re-hosted for the destination, or a
 * business's attachment fetched for the channel.
 *
 * @param storeKey where the copy is in the media store ({@code <bucket>/<tenant>/<sha256>}).
 * @param url where a platform can fetch the copy without credentials, for a limited time.
 * @param contentType the copy's media type (for attachments: detected from its bytes).
 * @param size its length in bytes.
 * @param sha256 the lower-case hex SHA-256 of its bytes.
 * @param filename the name it came with, if any.
 */
public record HostedMedia(String storeKey, URI url, String contentType, long size, String sha256,
		@Nullable String filename) {

	public HostedMedia {
		Objects.requireNonNull(storeKey, "store key must not be null");
		Objects.requireNonNull(url, "url must not be null");
		Objects.requireNonNull(contentType, "content type must not be null");
		Objects.requireNonNull(sha256, "sha256 must not be null");
	}
}

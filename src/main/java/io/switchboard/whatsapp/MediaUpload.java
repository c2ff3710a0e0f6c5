package io.switchboard.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A file to upload to the Cloud API ({@code POST /{phone-number-id}/media}), streamed from its source.
 *
 * @param source opens the bytes; asked again for each attempt.
 * @param contentType the file's media type, as detected.
 * @param filename the name to upload it under, if any.
 */
public record MediaUpload(Source source, String contentType, @Nullable String filename) {

	public MediaUpload {
		Objects.requireNonNull(source, "source must not be null");
		Objects.requireNonNull(contentType, "content type must not be null");
	}

	/** Opens the file's bytes; the caller closes them. */
	@FunctionalInterface
	public interface Source {

		InputStream open() throws IOException;
	}
}

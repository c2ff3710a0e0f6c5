package io.switchboard.media;

import io.switchboard.media.store.MediaSettings;

import java.net.URI;

import org.springframework.stereotype.Component;

/**
 * Links to stored objects that platforms can fetch without credentials, valid for the configured
 * {@code switchboard.media.link-lifetime}: the one lifetime every destination is handed.
 */
@Component
public class MediaLinks {

	private final MediaStore store;
	private final MediaSettings settings;

	MediaLinks(MediaStore store, MediaSettings settings) {
		this.store = store;
		this.settings = settings;
	}

	/**
	 * @return a link to the object, valid for the configured lifetime.
	 */
	public URI to(MediaKey key) {
		return store.link(key, settings.linkLifetime());
	}
}

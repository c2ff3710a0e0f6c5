package io.switchboard.media.fetch;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.switchboard.media.AttachmentFetcher;
import io.switchboard.media.MediaStore;

/**
 * The attachment fetcher, storing into the configured {@link MediaStore}.
 */
@Configuration(proxyBeanMethods = false)
class FetchConfiguration {

	@Bean
	AttachmentFetcher attachmentFetcher(MediaStore store, FetchSettings settings) {
		return new HttpAttachmentFetcher(store, settings);
	}
}

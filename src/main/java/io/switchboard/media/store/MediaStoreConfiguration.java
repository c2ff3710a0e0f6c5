package io.switchboard.media.store;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;

import io.switchboard.media.MediaStore;
import io.switchboard.platform.ClusterOnce;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import tools.jackson.databind.json.JsonMapper;

/**
 * The media store's adapter, one per backend, chosen by {@code switchboard.media.store}, and its retention sweep.
 */
@Configuration(proxyBeanMethods = false)
class MediaStoreConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MediaStoreConfiguration.class);

	@Bean
	MediaRetention mediaRetention(MediaStore store, MediaSettings settings, ClusterOnce clusterOnce) {
		return new MediaRetention(store, settings.retention(), Clock.systemUTC(), clusterOnce);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = MediaSettings.STORE_PROPERTY, havingValue = "filesystem", matchIfMissing = true)
	static class Filesystem {

		@Bean
		LinkSigner mediaLinkSigner(MediaSettings settings, Environment environment) {
			byte[] key;
			if (settings.signingKey() != null) {
				key = settings.signingKey().bytes();
			}
			else {
				key = new byte[32];
				new SecureRandom().nextBytes(key);
				log.warn("switchboard.media.signing-key is not set: media links are signed with a random key of this "
						+ "process, so they stop working when it restarts and no other node accepts them");
			}
			URI base = settings.publicBaseUrl() != null ? settings.publicBaseUrl()
					: URI.create("http://localhost:" + environment.getProperty("server.port", "8080"));
			return new LinkSigner(key, base, Clock.systemUTC());
		}

		@Bean
		FilesystemMediaStore filesystemMediaStore(MediaSettings settings, LinkSigner mediaLinkSigner,
				JsonMapper json) {
			return new FilesystemMediaStore(settings.directory(), mediaLinkSigner, json, Clock.systemUTC());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = MediaSettings.STORE_PROPERTY, havingValue = "s3")
	static class S3 {

		@Bean
		S3MediaStore s3MediaStore(MediaSettings settings) {
			S3MediaStore store = new S3MediaStore(settings.s3(), settings.directory().resolve(".spool"),
					Clock.systemUTC());
			if (settings.s3().createBuckets()) {
				store.createBuckets();
			}
			return store;
		}
	}
}

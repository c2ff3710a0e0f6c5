package io.switchboard.media.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaStore;
import io.switchboard.media.StoredMedia;
import io.switchboard.platform.ClusterOnce;
import io.switchboard.platform.Secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

import tools.jackson.databind.json.JsonMapper;

/**
 * The settings bind with their documented defaults, and {@code switchboard.media.store} chooses the adapter.
 */
class MediaStoreConfigurationIntegrationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner context = new ApplicationContextRunner()
			.withUserConfiguration(Infrastructure.class, MediaStoreConfiguration.class);

	@Test
	void withoutSettingsTheFilesystemStoreRunsWithTheDocumentedDefaults() {
		context.withPropertyValues("server.port=4321").run(started -> {
			MediaSettings settings = started.getBean(MediaSettings.class);
			assertThat(settings.store()).isEqualTo(MediaSettings.Store.FILESYSTEM);
			assertThat(settings.directory().normalize()).isEqualTo(Path.of("data/media"));
			assertThat(settings.linkLifetime()).isEqualTo(Duration.ofMinutes(15));
			assertThat(settings.retention()).isEqualTo(Duration.ofDays(30));
			assertThat(settings.sweepInterval()).isEqualTo(Duration.ofHours(1));
			assertThat(settings.signingKey()).isNull();
			assertThat(settings.s3().region()).isEqualTo("us-east-1");
			assertThat(settings.s3().pathStyle()).isTrue();
			assertThat(settings.s3().createBuckets()).isTrue();
			for (MediaBucket bucket : MediaBucket.values()) {
				assertThat(settings.s3().buckets().name(bucket)).isEqualTo(bucket.bucketName());
			}
			assertThat(started).hasSingleBean(MediaStore.class).getBean(MediaStore.class)
					.isInstanceOf(FilesystemMediaStore.class);
			assertThat(started.getBean(LinkSigner.class).link(
					new io.switchboard.media.MediaKey(MediaBucket.MEDIA_INBOUND, "acme", "a".repeat(64)),
					Duration.ofMinutes(1)).toString()).startsWith("http://localhost:4321/media/");
			assertThat(started).hasSingleBean(MediaRetention.class);
		});
	}

	@Test
	void theFilesystemStoreSignsWithTheConfiguredKeyForThePublicBaseUrl() {
		context.withPropertyValues("switchboard.media.directory=" + directory,
				"switchboard.media.signing-key=a signing key shared by all the nodes",
				"switchboard.media.public-base-url=https://switchboard.example.com").run(started -> {
					MediaStore store = started.getBean(MediaStore.class);
					StoredMedia stored = store.put(MediaBucket.MEDIA_INBOUND, "acme",
							new ByteArrayInputStream(new byte[] { 1, 2, 3 }), "image/png", null, 10);
					assertThat(store.link(stored.key(), Duration.ofMinutes(1)).toString())
							.startsWith("https://switchboard.example.com/media/media-inbound/acme/");
					assertThat(directory.resolve("media-inbound/acme/" + stored.sha256())).exists();
				});
	}

	@Test
	void aSigningKeyTooShortOrCredentialsHalfGivenAreRefusedAtStart() {
		context.withPropertyValues("switchboard.media.signing-key=short").run(started -> assertThat(started)
				.hasFailed().getFailure().rootCause().hasMessageContaining("switchboard.media.signing-key"));
		context.withPropertyValues("switchboard.media.s3.access-key=only-the-access-key").run(started -> assertThat(
				started).hasFailed().getFailure().rootCause().hasMessageContaining("switchboard.media.s3.secret-key"));
		context.withPropertyValues("switchboard.media.retention=0s").run(started -> assertThat(started).hasFailed()
				.getFailure().rootCause().hasMessageContaining("switchboard.media.retention"));
	}

	@Test
	void theS3StoreIsChosenByConfigurationAndCreatesItsBuckets() throws Exception {
		try (InProcessS3 server = InProcessS3.start()) {
			assumeTrue(server.unavailable() == null, server::unavailable);
			context.withPropertyValues("switchboard.media.store=s3", "switchboard.media.directory=" + directory,
					"switchboard.media.s3.endpoint=" + server.endpoint(),
					"switchboard.media.s3.access-key=" + InProcessS3.ACCESS_KEY,
					"switchboard.media.s3.secret-key=" + InProcessS3.SECRET_KEY,
					"switchboard.media.s3.buckets.webhooks-inbound=raw-meta-webhooks").run(started -> {
						assertThat(started).hasSingleBean(MediaStore.class).doesNotHaveBean(LinkSigner.class);
						MediaStore store = started.getBean(MediaStore.class);
						assertThat(store).isInstanceOf(S3MediaStore.class);
						StoredMedia stored = store.put(MediaBucket.WEBHOOKS_INBOUND, "acme",
								new ByteArrayInputStream("{}".getBytes()), "application/json", null, 10);
						assertThat(store.find(stored.key())).contains(stored);
						assertThat(store.link(stored.key(), Duration.ofMinutes(1)).toString())
								.startsWith(server.endpoint() + "/raw-meta-webhooks/acme/" + stored.sha256());
					});
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MediaSettings.class)
	static class Infrastructure {

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder().build();
		}

		/** A lone process: every run-once job may run (the choice of store is what is tested here). */
		@Bean
		ClusterOnce clusterOnce() {
			return new ClusterOnce(configuration -> Optional.of(() -> {}));
		}

		@Bean
		@ConfigurationPropertiesBinding
		Converter<String, Secret> secrets() {
			return new Converter<>() {
				@Override
				public Secret convert(String source) {
					return Secret.of(source);
				}
			};
		}
	}
}

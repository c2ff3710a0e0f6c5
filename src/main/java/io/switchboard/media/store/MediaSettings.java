package io.switchboard.media.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.switchboard.media.MediaBucket;
import io.switchboard.platform.Secret;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The media store ({@code switchboard.media}); see {@code docs/media.md}.
 *
 * @param store which adapter keeps the objects: {@code filesystem} (the default) or {@code s3}.
 * @param directory the filesystem store's root ({@code ./data/media} by default); with either store, also where
 *        content is spooled while it is hashed, in {@code .spool}.
 * @param linkLifetime how long a link handed to a platform stays valid (15 minutes by default).
 * @param retention how long an object is kept after it was stored (30 days by default); the sweep deletes older ones.
 * @param sweepInterval how often the retention sweep runs (hourly by default).
 * @param signingKey the key the filesystem store signs its links with, at least 32 characters; when absent, a random
 *        key for this process (links do not survive a restart and other nodes do not accept them).
 * @param publicBaseUrl the base URL the platforms reach Switchboard at, for the filesystem store's links;
 *        {@code http://localhost:<server.port>} by default.
 * @param s3 the S3 store's settings.
 */
@ConfigurationProperties("switchboard.media")
public record MediaSettings(@DefaultValue("filesystem") Store store, @DefaultValue("./data/media") Path directory,
		@DefaultValue("15m") Duration linkLifetime, @DefaultValue("30d") Duration retention,
		@DefaultValue("1h") Duration sweepInterval, @Nullable Secret signingKey, @Nullable URI publicBaseUrl,
		@DefaultValue S3 s3) {

	/** The property that chooses the adapter. */
	static final String STORE_PROPERTY = "switchboard.media.store";

	public MediaSettings {
		requirePositive(linkLifetime, "link-lifetime");
		requirePositive(retention, "retention");
		requirePositive(sweepInterval, "sweep-interval");
		if (signingKey != null) {
			signingKey.requireLength(32, "switchboard.media.signing-key");
		}
		if ((s3.accessKey() == null) != (s3.secretKey() == null)) {
			throw new IllegalArgumentException(
					"switchboard.media.s3.access-key and switchboard.media.s3.secret-key go together");
		}
	}

	private static void requirePositive(Duration duration, String property) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("switchboard.media." + property + " must be positive");
		}
	}

	/** The adapters. */
	public enum Store {
		/** Files under {@link MediaSettings#directory()}, links signed by Switchboard. */
		FILESYSTEM,
		/** An S3-compatible object store, presigned links. */
		S3
	}

	/**
	 * @param endpoint the S3 API's URL, e.g. {@code http://minio:9000}; absent for AWS itself (the region's
	 *        endpoint).
	 * @param publicEndpoint the URL platforms reach the store at, used for presigned links; the endpoint by default.
	 * @param region {@code us-east-1} by default (what MinIO and most S3-compatible stores expect).
	 * @param accessKey with {@code secret-key}, static credentials; both absent, the SDK's default credential chain.
	 * @param secretKey see {@code access-key}.
	 * @param pathStyle path-style access ({@code <endpoint>/<bucket>/<key>}), which S3-compatible stores need;
	 *        true by default.
	 * @param createBuckets whether the buckets are created at start when they do not exist; true by default.
	 * @param buckets the name of each of the four buckets.
	 */
	public record S3(@Nullable URI endpoint, @Nullable URI publicEndpoint, @DefaultValue("us-east-1") String region,
			@Nullable String accessKey, @Nullable Secret secretKey, @DefaultValue("true") boolean pathStyle,
			@DefaultValue("true") boolean createBuckets, @DefaultValue Buckets buckets) {
	}

	/**
	 * The bucket names; the seed's by default.
	 */
	public record Buckets(@DefaultValue("media-inbound") String mediaInbound,
			@DefaultValue("media-outbound") String mediaOutbound,
			@DefaultValue("webhooks-inbound") String webhooksInbound,
			@DefaultValue("webhooks-outbound") String webhooksOutbound) {

		/**
		 * @return the configured name of a bucket.
		 */
		public String name(MediaBucket bucket) {
			return switch (bucket) {
				case MEDIA_INBOUND -> mediaInbound;
				case MEDIA_OUTBOUND -> mediaOutbound;
				case WEBHOOKS_INBOUND -> webhooksInbound;
				case WEBHOOKS_OUTBOUND -> webhooksOutbound;
			};
		}
	}
}

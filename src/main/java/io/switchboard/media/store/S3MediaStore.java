package io.switchboard.media.store;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaKey;
import io.switchboard.media.MediaStore;
import io.switchboard.media.StoredMedia;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The media store on an S3-compatible object store (AWS S3, MinIO, Ceph, Garage, SeaweedFS...), through the AWS SDK
 * v2: each object in its bucket under {@code <tenant>/<sha256>}, its content type as {@code Content-Type}, its
 * filename in {@code Content-Disposition} and in the {@code filename} metadata (percent-encoded, as S3 metadata is
 * ASCII). Content is spooled to a local file while it is hashed (its key is its hash, known only at the end), then
 * uploaded from the file. Checksums are calculated and validated only where the API requires them, which
 * S3-compatible stores need; links are presigned against the public endpoint.
 */
final class S3MediaStore implements MediaStore, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(S3MediaStore.class);
	private static final String FILENAME = "filename";
	private static final Duration SPOOL_GRACE = Duration.ofDays(1);
	private static final int DELETE_BATCH = 1000;

	private final S3Client s3;
	private final S3Presigner presigner;
	private final MediaSettings.Buckets buckets;
	private final Path spool;
	private final Clock clock;

	/**
	 * @param spool the local directory content is spooled into while it is hashed.
	 */
	S3MediaStore(MediaSettings.S3 settings, Path spool, Clock clock) {
		AwsCredentialsProvider credentials = settings.accessKey() == null || settings.secretKey() == null
				? DefaultCredentialsProvider.builder().build()
				: StaticCredentialsProvider.create(
						AwsBasicCredentials.create(settings.accessKey(), settings.secretKey().reveal()));
		Region region = Region.of(settings.region());
		var client = S3Client.builder().region(region).credentialsProvider(credentials)
				.forcePathStyle(settings.pathStyle())
				.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
				.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
				.httpClientBuilder(Apache5HttpClient.builder());
		var presign = S3Presigner.builder().region(region).credentialsProvider(credentials)
				.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
		if (settings.endpoint() != null) {
			client.endpointOverride(settings.endpoint());
		}
		URI publicEndpoint = settings.publicEndpoint() != null ? settings.publicEndpoint() : settings.endpoint();
		if (publicEndpoint != null) {
			presign.endpointOverride(publicEndpoint);
		}
		this.s3 = client.build();
		this.presigner = presign.build();
		this.buckets = settings.buckets();
		this.spool = spool;
		this.clock = clock;
	}

	/**
	 * Creates each of the four buckets that does not exist yet.
	 */
	void createBuckets() {
		for (MediaBucket bucket : MediaBucket.values()) {
			String name = buckets.name(bucket);
			try {
				s3.headBucket(request -> request.bucket(name));
			}
			catch (S3Exception e) {
				if (e.statusCode() != 404) {
					throw e;
				}
				s3.createBucket(request -> request.bucket(name));
				log.info("Created bucket {} for {}", name, bucket.bucketName());
			}
		}
	}

	@Override
	public StoredMedia put(MediaBucket bucket, String tenantId, InputStream content, String contentType,
			@Nullable String filename, long maxBytes) {
		try (Spool spooled = Spool.of(content, spool, maxBytes)) {
			MediaKey key = new MediaKey(bucket, tenantId, spooled.sha256());
			Map<String, String> metadata = new HashMap<>();
			ContentDisposition disposition = ContentDisposition.attachment().build();
			if (filename != null) {
				metadata.put(FILENAME, URLEncoder.encode(filename, StandardCharsets.UTF_8));
				disposition = ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build();
			}
			String contentDisposition = disposition.toString();
			s3.putObject(request -> request.bucket(buckets.name(bucket)).key(objectKey(key)).contentType(contentType)
					.contentLength(spooled.size()).contentDisposition(contentDisposition).metadata(metadata),
					RequestBody.fromFile(spooled.file()));
			return new StoredMedia(key, spooled.size(), contentType, filename);
		}
		catch (SdkException e) {
			throw new UncheckedIOException(new IOException("cannot store an object in " + buckets.name(bucket), e));
		}
	}

	@Override
	public Optional<StoredMedia> find(MediaKey key) {
		try {
			HeadObjectResponse head = s3.headObject(request -> request.bucket(buckets.name(key.bucket()))
					.key(objectKey(key)));
			String filename = head.metadata().get(FILENAME);
			return Optional.of(new StoredMedia(key, head.contentLength(),
					head.contentType() == null ? "application/octet-stream" : head.contentType(),
					filename == null ? null : URLDecoder.decode(filename, StandardCharsets.UTF_8)));
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				return Optional.empty();
			}
			throw e;
		}
	}

	@Override
	public InputStream open(MediaKey key) {
		try {
			return s3.getObject(request -> request.bucket(buckets.name(key.bucket())).key(objectKey(key)));
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				throw new NoSuchElementException("nothing stored under " + key.path());
			}
			throw e;
		}
	}

	@Override
	public URI link(MediaKey key, Duration lifetime) {
		return URI.create(presigner.presignGetObject(presign -> presign.signatureDuration(lifetime)
				.getObjectRequest(request -> request.bucket(buckets.name(key.bucket())).key(objectKey(key))))
				.url().toString());
	}

	@Override
	public int deleteStoredBefore(Instant cutoff) {
		int deleted = 0;
		for (MediaBucket bucket : MediaBucket.values()) {
			String name = buckets.name(bucket);
			List<ObjectIdentifier> old = new ArrayList<>();
			for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(name)).contents()) {
				if (object.lastModified().isBefore(cutoff)) {
					old.add(ObjectIdentifier.builder().key(object.key()).build());
				}
			}
			for (int from = 0; from < old.size(); from += DELETE_BATCH) {
				List<ObjectIdentifier> batch = old.subList(from, Math.min(old.size(), from + DELETE_BATCH));
				var answer = s3.deleteObjects(request -> request.bucket(name)
						.delete(delete -> delete.objects(batch).quiet(true)));
				answer.errors().forEach(error -> log.warn("Could not delete {}/{} at retention: {}", name,
						error.key(), error.code()));
				deleted += batch.size() - answer.errors().size();
			}
		}
		Instant spoolCutoff = clock.instant().minus(SPOOL_GRACE);
		Spool.deleteLeftOvers(spool, spoolCutoff.isAfter(cutoff) ? spoolCutoff : cutoff);
		return deleted;
	}

	private static String objectKey(MediaKey key) {
		return key.tenantId() + "/" + key.sha256();
	}

	@Override
	public void close() {
		presigner.close();
		s3.close();
	}
}

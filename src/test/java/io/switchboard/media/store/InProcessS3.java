package io.switchboard.media.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.jspecify.annotations.Nullable;

/**
 * An S3 API server in this JVM for the tests (s3proxy over an in-memory blob store, AWS V2 and V4 signatures), or why
 * it could not start. Public for the application tests that run the S3 store against it.
 */
public final class InProcessS3 implements AutoCloseable {

	/** The access key the server accepts. */
	public static final String ACCESS_KEY = "switchboard-test";
	/** The secret key of {@link #ACCESS_KEY}. */
	public static final String SECRET_KEY = "switchboard-test-secret-key";

	private final @Nullable S3Proxy proxy;
	private final @Nullable BlobStore blobs;
	private final @Nullable URI endpoint;
	private final @Nullable String unavailable;

	private InProcessS3(@Nullable S3Proxy proxy, @Nullable BlobStore blobs, @Nullable URI endpoint,
			@Nullable String unavailable) {
		this.proxy = proxy;
		this.blobs = blobs;
		this.endpoint = endpoint;
		this.unavailable = unavailable;
	}

	/**
	 * @return a running server, or one that says why it is not running.
	 */
	public static InProcessS3 start() {
		try {
			BlobStore blobs = new TransientNio2BlobStore();
			S3Proxy proxy = S3Proxy.builder().blobStore(blobs)
					.endpoint(URI.create("http://127.0.0.1:0"))
					.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
			proxy.start();
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (!"STARTED".equals(proxy.getState())) {
				if (System.nanoTime() > deadline) {
					proxy.stop();
					return new InProcessS3(null, null, null, "s3proxy did not start within 10 s");
				}
				Thread.sleep(10);
			}
			return new InProcessS3(proxy, blobs, URI.create("http://127.0.0.1:" + proxy.getPort()), null);
		}
		catch (Exception e) {
			return new InProcessS3(null, null, null, "s3proxy could not start here: " + e);
		}
	}

	/**
	 * @return why the server is not running, or {@literal null} when it is.
	 */
	public @Nullable String unavailable() {
		return unavailable;
	}

	/**
	 * @return the S3 API's URL.
	 */
	public URI endpoint() {
		if (endpoint == null) {
			throw new IllegalStateException(String.valueOf(unavailable));
		}
		return endpoint;
	}

	/**
	 * Reads an object straight from the server's blob store, bypassing the S3 API.
	 *
	 * @return its bytes, or empty when the bucket holds no such key.
	 */
	public Optional<byte[]> object(String bucket, String key) {
		if (blobs == null) {
			throw new IllegalStateException(String.valueOf(unavailable));
		}
		if (!blobs.blobExists(bucket, key)) {
			return Optional.empty();
		}
		try (InputStream content = blobs.getBlob(bucket, key)) {
			return Optional.of(content.readAllBytes());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() throws Exception {
		if (proxy != null) {
			proxy.stop();
		}
	}
}

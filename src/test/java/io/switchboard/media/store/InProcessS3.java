package io.switchboard.media.store;

import java.net.URI;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.jspecify.annotations.Nullable;

/**
 * An S3 API server in this JVM for the tests (s3proxy over an in-memory blob store, AWS V2 and V4 signatures), or why
 * it could not start.
 */
final class InProcessS3 implements AutoCloseable {

	static final String ACCESS_KEY = "switchboard-test";
	static final String SECRET_KEY = "switchboard-test-secret-key";

	private final @Nullable S3Proxy proxy;
	private final @Nullable URI endpoint;
	private final @Nullable String unavailable;

	private InProcessS3(@Nullable S3Proxy proxy, @Nullable URI endpoint, @Nullable String unavailable) {
		this.proxy = proxy;
		this.endpoint = endpoint;
		this.unavailable = unavailable;
	}

	static InProcessS3 start() {
		try {
			S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
					.endpoint(URI.create("http://127.0.0.1:0"))
					.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
			proxy.start();
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (!"STARTED".equals(proxy.getState())) {
				if (System.nanoTime() > deadline) {
					proxy.stop();
					return new InProcessS3(null, null, "s3proxy did not start within 10 s");
				}
				Thread.sleep(10);
			}
			return new InProcessS3(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()), null);
		}
		catch (Exception e) {
			return new InProcessS3(null, null, "s3proxy could not start here: " + e);
		}
	}

	/**
	 * @return why the server is not running, or {@literal null} when it is.
	 */
	@Nullable String unavailable() {
		return unavailable;
	}

	URI endpoint() {
		if (endpoint == null) {
			throw new IllegalStateException(String.valueOf(unavailable));
		}
		return endpoint;
	}

	@Override
	public void close() throws Exception {
		if (proxy != null) {
			proxy.stop();
		}
	}
}

package io.switchboard.media.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.media.AttachmentRefused;
import io.switchboard.media.AttachmentRefused.Why;
import io.switchboard.media.MediaBucket;
import io.switchboard.media.StoredMedia;

/**
 * The fetcher against real HTTP servers on loopback. A test resolver plays the internet's DNS:
 * {@value #PUBLIC_NAME} is a public host that happens to live on this machine's loopback, every other name and
 * literal is resolved and checked as in production.
 */
class HttpAttachmentFetcherTests {

	private static final String PUBLIC_NAME = "files.example.test";

	private static final String TENANT = "acme";

	private static final byte[] PNG = bytes(new int[] { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
			'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89 }, 128);

	private static final byte[] EXECUTABLE = bytes(new int[] { 'M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff,
			0xff }, 512);

	@TempDir
	Path storeDirectory;

	private TempDirectoryMediaStore store;

	private Server server;

	private Server other;

	private HttpAttachmentFetcher fetcher;

	@BeforeEach
	void start() throws IOException {
		store = new TempDirectoryMediaStore(storeDirectory);
		server = new Server();
		other = new Server();
		HostResolver checked = HostResolver.publicOnly(HostResolver.system());
		HostResolver internet = host -> PUBLIC_NAME.equals(host)
				? new InetAddress[] { InetAddress.getByAddress(PUBLIC_NAME, new byte[] { 127, 0, 0, 1 }) }
				: checked.resolve(host);
		fetcher = new HttpAttachmentFetcher(store,
				new FetchSettings(Duration.ofSeconds(2), Duration.ofMillis(500), 3), internet);
	}

	@AfterEach
	void stop() {
		fetcher.close();
		server.stop();
		other.stop();
	}

	@Test
	void refusesLoopbackAddressWithoutSendingARequest() {
		server.serve("/x", exchange -> send(exchange, 200, "image/png", PNG));

		assertRefused(URI.create("http://127.0.0.1:" + server.port() + "/x"), Why.HOST_NOT_ALLOWED)
			.hasMessageContaining("127.0.0.1");
		assertThat(server.requests()).isZero();
		assertThat(store.count()).isZero();
	}

	@Test
	void refusesNameThatResolvesToLoopback() {
		server.serve("/x", exchange -> send(exchange, 200, "image/png", PNG));

		assertRefused(URI.create("http://localhost:" + server.port() + "/x"), Why.HOST_NOT_ALLOWED)
			.hasMessageContaining("localhost");
		assertThat(server.requests()).isZero();
	}

	@Test
	void refusesIpv6LoopbackAndMappedLoopback() {
		assertRefused(URI.create("http://[::1]:" + server.port() + "/x"), Why.HOST_NOT_ALLOWED);
		assertRefused(URI.create("http://[::ffff:127.0.0.1]:" + server.port() + "/x"), Why.HOST_NOT_ALLOWED);
		assertThat(server.requests()).isZero();
	}

	@Test
	void refusesPrivateAndMetadataAddresses() {
		assertRefused(URI.create("http://10.0.0.1/x"), Why.HOST_NOT_ALLOWED);
		assertRefused(URI.create("http://169.254.169.254/latest/meta-data/"), Why.HOST_NOT_ALLOWED)
			.hasMessageNotContaining("meta-data");
	}

	@Test
	void refusesSchemesOtherThanHttpAndHttps() {
		assertRefused(URI.create("ftp://" + PUBLIC_NAME + "/x.png"), Why.HOST_NOT_ALLOWED);
		assertRefused(URI.create("file:///etc/passwd"), Why.HOST_NOT_ALLOWED);
	}

	@Test
	void fetchesFromLoopbackWhenPrivateHostsAreAllowedAndDetectsTheTypeFromTheBytes() throws Exception {
		server.serve("/files/photo", exchange -> send(exchange, 200, "application/octet-stream", PNG));

		StoredMedia media = fetcher.fetch(TENANT, URI.create("http://127.0.0.1:" + server.port() + "/files/photo"),
				10_000, true);

		assertThat(media.contentType()).isEqualTo("image/png");
		assertThat(media.size()).isEqualTo(PNG.length);
		assertThat(media.sha256()).isEqualTo(sha256(PNG));
		assertThat(media.key().bucket()).isEqualTo(MediaBucket.MEDIA_OUTBOUND);
		assertThat(media.key().tenantId()).isEqualTo(TENANT);
		assertThat(media.filename()).isEqualTo("photo");
		try (InputStream stored = store.open(media.key())) {
			assertThat(stored.readAllBytes()).isEqualTo(PNG);
		}
	}

	@Test
	void fetchesPublicHostAndTakesTheFilenameFromContentDisposition() {
		server.serve("/download", exchange -> {
			exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"../../holiday.png\"");
			send(exchange, 200, "image/png", PNG);
		});

		StoredMedia media = fetcher.fetch(TENANT, URI.create("http://" + PUBLIC_NAME + ":" + server.port()
				+ "/download?sig=abc"), 10_000, false);

		assertThat(media.contentType()).isEqualTo("image/png");
		assertThat(media.filename()).isEqualTo("holiday.png");
		assertThat(server.requests()).isEqualTo(1);
	}

	@Test
	void takesAnEncodedFilenameFromContentDisposition() {
		server.serve("/download", exchange -> {
			exchange.getResponseHeaders().add("Content-Disposition",
					"attachment; filename=\"fallback.png\"; filename*=UTF-8''r%C3%A9sum%C3%A9.png");
			send(exchange, 200, "image/png", PNG);
		});

		StoredMedia media = fetcher.fetch(TENANT, URI.create("http://" + PUBLIC_NAME + ":" + server.port()
				+ "/download"), 10_000, false);

		assertThat(media.filename()).isEqualTo("r\u00e9sum\u00e9.png");
	}

	@Test
	void failsOnAnEmptyBody() {
		server.serve("/empty", exchange -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.serve("/empty-chunked", exchange -> {
			exchange.sendResponseHeaders(200, 0);
			exchange.close();
		});

		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/empty"), Why.FETCH_FAILED)
			.hasMessageContaining("no content");
		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/empty-chunked"), Why.FETCH_FAILED)
			.hasMessageContaining("no content");
		assertThat(store.count()).isZero();
	}

	@Test
	void followsRedirectsBetweenPublicHostsCheckingEachHop() {
		server.serve("/first", exchange -> redirect(exchange, "/second"));
		server.serve("/second", exchange -> redirect(exchange, "http://" + PUBLIC_NAME + ":" + server.port()
				+ "/files/report.png"));
		server.serve("/files/report.png", exchange -> send(exchange, 200, "image/png", PNG));

		StoredMedia media = fetcher.fetch(TENANT, URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/first"),
				10_000, false);

		assertThat(media.contentType()).isEqualTo("image/png");
		assertThat(media.filename()).isEqualTo("first");
		assertThat(server.requests()).isEqualTo(3);
	}

	@Test
	void refusesRedirectToLoopbackWithoutContactingIt() {
		other.serve("/", exchange -> send(exchange, 200, "image/png", PNG));
		server.serve("/x", exchange -> redirect(exchange, "http://127.0.0.1:" + other.port() + "/"));

		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/x"), Why.HOST_NOT_ALLOWED)
			.hasMessageContaining("127.0.0.1");
		assertThat(server.requests()).isEqualTo(1);
		assertThat(other.requests()).isZero();
		assertThat(store.count()).isZero();
	}

	@Test
	void refusesRedirectToANameResolvingToLoopbackOrToTheMetadataAddress() {
		other.serve("/", exchange -> send(exchange, 200, "image/png", PNG));
		server.serve("/local", exchange -> redirect(exchange, "http://localhost:" + other.port() + "/"));
		server.serve("/metadata", exchange -> redirect(exchange, "http://169.254.169.254/latest/meta-data/"));

		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/local"), Why.HOST_NOT_ALLOWED);
		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/metadata"), Why.HOST_NOT_ALLOWED)
			.hasMessageContaining("169.254.169.254");
		assertThat(other.requests()).isZero();
	}

	@Test
	void givesUpAfterTheConfiguredNumberOfRedirects() {
		server.serve("/loop", exchange -> redirect(exchange, "/loop"));

		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/loop"), Why.FETCH_FAILED)
			.hasMessageContaining("redirects");
		assertThat(server.requests()).isEqualTo(4);
	}

	@Test
	void connectsToTheAddressItCheckedWithoutResolvingAgain() throws IOException {
		server.serve("/photo.png", exchange -> send(exchange, 200, "image/png", PNG));
		AtomicInteger lookups = new AtomicInteger();
		HostResolver rebinding = host -> {
			if (lookups.getAndIncrement() == 0) {
				return new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 127, 0, 0, 1 }) };
			}
			throw new HostNotPublic(host);
		};

		try (HttpAttachmentFetcher pinned = new HttpAttachmentFetcher(store, FetchSettings.defaults(), rebinding)) {
			StoredMedia media = pinned.fetch(TENANT,
					URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/photo.png"), 10_000, false);

			assertThat(media.contentType()).isEqualTo("image/png");
		}
		assertThat(lookups).hasValue(1);
	}

	@Test
	void resolvesEveryRedirectHopAgain() throws IOException {
		server.serve("/first", exchange -> redirect(exchange, "/photo.png"));
		server.serve("/photo.png", exchange -> send(exchange, 200, "image/png", PNG));
		AtomicInteger lookups = new AtomicInteger();
		HostResolver counting = host -> {
			lookups.incrementAndGet();
			return new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 127, 0, 0, 1 }) };
		};

		try (HttpAttachmentFetcher fetching = new HttpAttachmentFetcher(store, FetchSettings.defaults(), counting)) {
			fetching.fetch(TENANT, URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/first"), 10_000,
					false);
		}
		assertThat(lookups).hasValue(2);
		assertThat(server.requests()).isEqualTo(2);
	}

	@Test
	void refusesContentLengthAboveTheLimitBeforeReadingTheBody() {
		server.serve("/big", exchange -> send(exchange, 200, "image/png", new byte[5_000]));

		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/big"), 4_999, Why.TOO_LARGE);
		assertThat(store.count()).isZero();
	}

	@Test
	void refusesAChunkedBodyThatGrowsAboveTheLimitAndStoresNothing() {
		byte[] big = Arrays.copyOf(PNG, 50_000);
		server.serve("/chunked", exchange -> {
			exchange.getResponseHeaders().add("Content-Type", "image/png");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream body = exchange.getResponseBody()) {
				for (int offset = 0; offset < big.length; offset += 1_000) {
					body.write(big, offset, 1_000);
					body.flush();
				}
			}
		});

		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/chunked"), 20_000, Why.TOO_LARGE);
		assertThat(store.count()).isZero();
	}

	@Test
	void detectsAnExecutableServedAsJpeg() {
		server.serve("/photo.jpg", exchange -> send(exchange, 200, "image/jpeg", EXECUTABLE));

		StoredMedia media = fetcher.fetch(TENANT,
				URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/photo.jpg"), 10_000, false);

		assertThat(media.contentType()).isNotEqualTo("image/jpeg").startsWith("application/x-msdownload");
	}

	@Test
	void keepsUnrecognizedBytesAsOctetStreamWhateverTheirName() {
		byte[] noise = bytes(new int[] { 0x13, 0x37, 0x00, 0x01, 0xfe, 0x02 }, 64);
		server.serve("/picture.jpg", exchange -> send(exchange, 200, "image/jpeg", noise));

		StoredMedia media = fetcher.fetch(TENANT,
				URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/picture.jpg"), 10_000, false);

		assertThat(media.contentType()).isEqualTo("application/octet-stream");
	}

	@Test
	void failsOnErrorAnswersWithoutRevealingTheUrl() {
		server.serve("/missing", exchange -> send(exchange, 404, "text/plain", "no".getBytes(StandardCharsets.UTF_8)));
		server.serve("/broken", exchange -> send(exchange, 500, "text/plain", "oops".getBytes(StandardCharsets.UTF_8)));

		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/missing?token=s3cr3t"),
				Why.FETCH_FAILED)
			.hasMessageContaining("404")
			.hasMessageNotContaining("s3cr3t");
		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/broken"), Why.FETCH_FAILED)
			.hasMessageContaining("500");
		assertThat(store.count()).isZero();
	}

	@Test
	void failsWhenTheServerDoesNotAnswerInTime() {
		server.serve("/slow", exchange -> {
			sleep(Duration.ofMillis(1_500));
			send(exchange, 200, "image/png", PNG);
		});

		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + server.port() + "/slow"), Why.FETCH_FAILED)
			.hasMessageContaining("in time");
	}

	@Test
	void failsWhenNothingListens() throws IOException {
		int closedPort;
		try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}

		assertRefused(URI.create("http://" + PUBLIC_NAME + ":" + closedPort + "/x"), Why.FETCH_FAILED);
	}

	private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(URI url, Why why) {
		return assertRefused(url, 10_000, why);
	}

	private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(URI url,
			long maxBytes, Why why) {
		return assertThatThrownBy(() -> fetcher.fetch(TENANT, url, maxBytes, false))
			.isInstanceOfSatisfying(AttachmentRefused.class, refused -> assertThat(refused.why()).isEqualTo(why));
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void redirect(HttpExchange exchange, String location) throws IOException {
		exchange.getResponseHeaders().add("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] bytes(int[] head, int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < head.length; i++) {
			bytes[i] = (byte) head[i];
		}
		for (int i = head.length; i < length; i++) {
			bytes[i] = (byte) (i * 31);
		}
		return bytes;
	}

	private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	/**
	 * An HTTP server on the IPv4 loopback that counts the requests it received.
	 */
	private static final class Server {

		private final HttpServer http;

		private final AtomicInteger requests = new AtomicInteger();

		Server() throws IOException {
			http = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), 0),
					0);
			http.start();
		}

		void serve(String path, HttpHandler handler) {
			http.createContext(path, exchange -> {
				requests.incrementAndGet();
				if (!exchange.getRequestURI().getPath().equals(path)) {
					exchange.sendResponseHeaders(404, -1);
					exchange.close();
					return;
				}
				handler.handle(exchange);
			});
		}

		int port() {
			return http.getAddress().getPort();
		}

		int requests() {
			return requests.get();
		}

		void stop() {
			http.stop(0);
		}
	}
}

package io.switchboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole application over real HTTP: all roles, the embedded PostgreSQL in a fresh
 * directory and the sandbox simulators, on a port chosen once per test run (the sandbox tenant's base URLs point at
 * it). Subclasses share one application context, so each test uses its own ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class AbstractIntegrationTests {

	protected static final int PORT = freePort();
	protected static final Path DATA_DIR = tempDir();

	protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void applicationOnTestPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("switchboard.database.data-dir", () -> DATA_DIR.toString());
		registry.add("switchboard.work.poll-interval", () -> "100ms");
		registry.add("switchboard.work.initial-backoff", () -> "200ms");
	}

	protected static URI url(String path) {
		return URI.create("http://localhost:" + PORT + path);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("switchboard-test-pg");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

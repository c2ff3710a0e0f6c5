package io.switchboard.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Posts signed webhooks to the edge, wherever it runs now, the way Meta and Genesys do: the exact bytes, the signature
 * in {@code X-Hub-Signature-256}, a 10-second budget. Each client keeps its own connections.
 */
final class EdgeClient {

	static final String WHATSAPP = "/webhook/whatsapp";
	static final String GENESYS = "/webhook/genesys/outbound";

	private final Supplier<URI> edge;
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * @param edge the edge's base URL.
	 */
	EdgeClient(Supplier<URI> edge) {
		this.edge = edge;
	}

	/**
	 * @return a client of the same edge with connections of its own.
	 */
	EdgeClient another() {
		return new EdgeClient(edge);
	}

	/**
	 * Opens a connection (asking for the edge's liveness), so that a post right after goes out at once.
	 */
	void connect() throws InterruptedException {
		try {
			http.send(HttpRequest.newBuilder(edge.get().resolve("/actuator/health/liveness"))
					.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException unreachable) {
			// the post will tell
		}
	}

	/**
	 * @return the body of the edge's answer to a GET with the key; fails unless it answers 200.
	 */
	String get(String path, String apiKey) throws IOException, InterruptedException {
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(edge.get().resolve(path))
				.timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + apiKey).build(),
				HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IOException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
		}
		return answer.body();
	}

	/**
	 * @return the edge's HTTP status, or -1 when it could not be reached or did not answer in time.
	 */
	int post(String path, byte[] body, String signature) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(edge.get().resolve(path)).timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("X-Hub-Signature-256", signature)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException unreachable) {
			return -1;
		}
	}
}

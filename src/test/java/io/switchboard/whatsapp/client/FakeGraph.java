package io.switchboard.whatsapp.client;

import io.switchboard.platform.Secret;
import io.switchboard.tenant.GenesysAccount;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.WhatsAppAccount;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scripted Graph API on loopback serving {@code POST /v23.0/<phone-number-id>/messages}. It checks the bearer token
 * and the path as WhatsApp would (answering 401 with error 190 or 400 with error 100 otherwise), records every
 * request, and answers with scripted replies first and with the corpus success bodies otherwise.
 */
final class FakeGraph implements AutoCloseable {

	static final String PHONE_NUMBER_ID = "106540352242922";
	static final String TOKEN = "EAAG-test-access-token-0123456789";
	static final String CORPUS = "/conformance/whatsapp/outbound/";

	/**
	 * A request as it arrived.
	 *
	 * @param atNanos {@link System#nanoTime()} on arrival.
	 */
	record Recorded(String path, @Nullable String authorization, @Nullable String contentType, String body,
			long atNanos) {}

	/**
	 * A scripted answer.
	 */
	record Reply(int status, String body, @Nullable String retryAfter) {

		Reply(int status, String body) {
			this(status, body, null);
		}

		static Reply corpus(int status, String response) {
			return new Reply(status, FakeGraph.corpus("responses/" + response));
		}

		/**
		 * @return this reply with a {@code Retry-After} header.
		 */
		Reply retryAfter(String value) {
			return new Reply(status, body, value);
		}
	}

	private final HttpServer server;
	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
	private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
	private final List<Recorded> requests = new CopyOnWriteArrayList<>();
	private volatile @Nullable Reply always;

	private FakeGraph() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(executor);
		server.createContext("/", this::handle);
		server.start();
	}

	static FakeGraph start() {
		try {
			return new FakeGraph();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	Tenant tenant(String id) {
		return tenant(id, 80);
	}

	Tenant tenant(String id, int messagesPerSecond) {
		return tenant(id, baseUrl(), messagesPerSecond);
	}

	static Tenant tenant(String id, URI graphBaseUrl, int messagesPerSecond) {
		return new Tenant(id, id, false,
				new WhatsAppAccount(PHONE_NUMBER_ID, "+44 7700 900000", "waba-1", Secret.of(TOKEN),
						Secret.of("app-secret"), Secret.of("verify-token"), graphBaseUrl, "v23.0", messagesPerSecond),
				new GenesysAccount(null, URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9"), "client",
						Secret.of("client-secret"), "integration", Secret.of("webhook-secret")));
	}

	/**
	 * Answers the next requests with these replies, in order.
	 */
	void reply(Reply... replies) {
		script.addAll(List.of(replies));
	}

	/**
	 * Answers every request not scripted otherwise with this reply.
	 */
	void replyAlways(Reply reply) {
		always = reply;
	}

	List<Recorded> requests() {
		return List.copyOf(requests);
	}

	static String corpus(String name) {
		try (InputStream in = FakeGraph.class.getResourceAsStream(CORPUS + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no corpus file " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String error(int code, String message, @Nullable String details) {
		return """
				{"error":{"message":"%s","type":"OAuthException","code":%d,%s"fbtrace_id":"Trace%d"}}"""
			.formatted(message, code,
					details == null ? "" : "\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + details
							+ "\"},",
					code);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String path = exchange.getRequestURI().getPath();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			requests.add(new Recorded(path, authorization, exchange.getRequestHeaders().getFirst("Content-Type"), body,
					System.nanoTime()));
			Reply reply;
			if (!"POST".equals(exchange.getRequestMethod())
					|| !("/v23.0/" + PHONE_NUMBER_ID + "/messages").equals(path)) {
				reply = new Reply(400, error(100, "Unsupported post request", null));
			}
			else if (!("Bearer " + TOKEN).equals(authorization)) {
				reply = new Reply(401, error(190, "Invalid OAuth access token - Cannot parse access token", null));
			}
			else {
				reply = script.poll();
				if (reply == null) {
					reply = always;
				}
				if (reply == null) {
					reply = Reply.corpus(200, body.contains("\"status\"") ? "success-mark-as-read.json" : "success.json");
				}
			}
			byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.getResponseHeaders().set("x-fb-trace-id", "HeaderTrace");
			if (reply.retryAfter() != null) {
				exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
			}
			exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
		}
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}
}

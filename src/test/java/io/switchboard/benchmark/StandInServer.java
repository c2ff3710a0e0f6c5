package io.switchboard.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The base of the stand-ins for Meta and Genesys: a JDK {@link HttpServer} on loopback that runs each exchange on a
 * virtual thread, and the few helpers they share. Stand-ins answer as fast as they can and keep only what the report
 * needs, so that they cost the machine as little as possible.
 */
abstract class StandInServer implements AutoCloseable {

	private final HttpServer server;
	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	StandInServer() {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.setExecutor(executor);
	}

	final void serve(String context, HttpHandler handler) {
		server.createContext(context, exchange -> {
			try (exchange) {
				handler.handle(exchange);
			}
		});
	}

	final void start() {
		server.start();
	}

	final URI baseUrl() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	static String body(HttpExchange exchange) throws IOException {
		return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
	}

	/**
	 * @return the string value of the first {@code "name":"value"} in a JSON text, or {@literal null}; enough for the
	 *         flat, machine-written bodies the application sends, without parsing them.
	 */
	static String field(String json, String name) {
		String key = "\"" + name + "\":\"";
		int start = json.indexOf(key);
		if (start < 0) {
			return null;
		}
		start += key.length();
		int end = json.indexOf('"', start);
		return end < 0 ? null : json.substring(start, end);
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}
}

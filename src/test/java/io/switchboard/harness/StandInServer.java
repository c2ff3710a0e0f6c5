package io.switchboard.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The base of the stand-ins for Meta and Genesys: a JDK {@link HttpServer} on loopback that runs each exchange on a
 * virtual thread and can stop listening for a while ({@link #refuseConnections()}), and the few helpers they share.
 * Stand-ins answer as fast as they can and keep only what their reports need, so that they cost the machine as little
 * as possible.
 */
public abstract class StandInServer implements AutoCloseable {

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
	private final Map<String, HttpHandler> contexts = new LinkedHashMap<>();
	private HttpServer server;
	private final int port;

	protected StandInServer() {
		server = bind(0);
		port = server.getAddress().getPort();
	}

	protected final void serve(String context, HttpHandler handler) {
		HttpHandler closing = exchange -> {
			try (exchange) {
				handler.handle(exchange);
			}
		};
		contexts.put(context, closing);
		server.createContext(context, closing);
	}

	protected final void start() {
		server.start();
	}

	public final URI baseUrl() {
		return URI.create("http://127.0.0.1:" + port);
	}

	/**
	 * Closes the listening socket after the exchanges under way have been answered (within a second), so that new
	 * connections are refused, as from a host that is down.
	 */
	public final synchronized void refuseConnections() {
		server.stop(1);
	}

	/**
	 * Listens again on the same port, after {@link #refuseConnections()}.
	 */
	public final synchronized void acceptConnections() {
		server = bind(port);
		contexts.forEach(server::createContext);
		server.start();
	}

	private HttpServer bind(int port) {
		try {
			HttpServer bound = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
			bound.setExecutor(executor);
			return bound;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	protected static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	protected static String body(HttpExchange exchange) throws IOException {
		return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
	}

	/**
	 * @return the string value of the first {@code "name":"value"} in a JSON text, or {@literal null}; enough for the
	 *         flat, machine-written bodies the application sends, without parsing them.
	 */
	protected static String field(String json, String name) {
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
	public synchronized void close() {
		server.stop(0);
		executor.shutdownNow();
	}
}

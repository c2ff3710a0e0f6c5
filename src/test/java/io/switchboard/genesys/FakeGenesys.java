package io.switchboard.genesys;

import io.switchboard.platform.Secret;
import io.switchboard.tenant.GenesysAccount;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.WhatsAppAccount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scripted Genesys Cloud on loopback: the client-credentials token endpoint ({@code /oauth/token}) and the Open
 * Messaging inbound endpoints. It checks what the real one checks (Basic credentials and grant type on token requests,
 * a valid unexpired bearer token on API requests), records every request, and answers with scripted replies first and
 * with success otherwise.
 */
public final class FakeGenesys implements AutoCloseable {

	public static final String CLIENT_ID = "0b6f3d2e-5c4a-4e8f-9a1b-client000001";
	public static final String CLIENT_SECRET = "Sup3r-Secret_Value-0123456789";
	public static final String INTEGRATION_ID = "7a1c2b3d-4e5f-4a6b-8c7d-integration01";

	private static final Pattern INBOUND = Pattern
		.compile("/api/v2/conversations/messages/([^/]+)/inbound/open/(message|receipt|event)");
	private static final Pattern FROM_ID = Pattern.compile("\"from\"\\s*:\\s*\\{[^}]*\"id\"\\s*:\\s*\"([^\"]+)\"");

	private final HttpServer server;
	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
	private final Map<String, String> clients = new ConcurrentHashMap<>(Map.of(CLIENT_ID, CLIENT_SECRET));
	private final Map<String, Duration> loginDelays = new ConcurrentHashMap<>();
	private final Map<String, Long> issued = new ConcurrentHashMap<>();
	private final Queue<Reply> tokenScript = new ConcurrentLinkedQueue<>();
	private final Queue<Reply> apiScript = new ConcurrentLinkedQueue<>();
	private final List<Recorded> tokenRequests = new CopyOnWriteArrayList<>();
	private final List<Recorded> apiRequests = new CopyOnWriteArrayList<>();
	private final List<Recorded> delivered = new CopyOnWriteArrayList<>();
	private final AtomicInteger tokenCount = new AtomicInteger();
	private final AtomicInteger messageCount = new AtomicInteger();
	private volatile long expiresIn = 86_400;

	private FakeGenesys() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(executor);
		server.createContext("/oauth/token", this::token);
		server.createContext("/api/v2/", this::api);
		server.start();
	}

	public static FakeGenesys start() {
		try {
			return new FakeGenesys();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public URI baseUrl() {
		return URI.create("http://localhost:" + server.getAddress().getPort());
	}

	/**
	 * A tenant whose Genesys organisation is this fake, with the client it knows.
	 */
	public Tenant tenant(String id) {
		return tenant(id, CLIENT_ID, CLIENT_SECRET);
	}

	public Tenant tenant(String id, String clientId, String clientSecret) {
		return tenant(id, baseUrl(), clientId, clientSecret);
	}

	public static Tenant tenant(String id, URI baseUrl, String clientId, String clientSecret) {
		var genesys = new GenesysAccount(null, baseUrl, baseUrl, clientId, Secret.of(clientSecret), INTEGRATION_ID,
				Secret.of("webhook-secret-0123456789abcdef"));
		var whatsapp = new WhatsAppAccount("1098765432101", "+44 7700 900000", "2233445566", Secret.of("wa-token"),
				Secret.of("wa-app-secret"), Secret.of("wa-verify"), null, null, 0);
		return new Tenant(id, id, false, whatsapp, genesys);
	}

	/**
	 * Accepts another OAuth client.
	 */
	public FakeGenesys client(String clientId, String clientSecret) {
		clients.put(clientId, clientSecret);
		return this;
	}

	/**
	 * The {@code expires_in} of tokens issued from now on.
	 */
	public FakeGenesys expiresIn(long seconds) {
		this.expiresIn = seconds;
		return this;
	}

	/**
	 * Holds token requests of one client for a while before answering them.
	 */
	public FakeGenesys delayLogins(String clientId, Duration delay) {
		loginDelays.put(clientId, delay);
		return this;
	}

	public FakeGenesys replyToToken(Reply... replies) {
		tokenScript.addAll(List.of(replies));
		return this;
	}

	public FakeGenesys replyToApi(Reply... replies) {
		apiScript.addAll(List.of(replies));
		return this;
	}

	/**
	 * Makes every token issued so far invalid, as a revoked or rotated client would.
	 */
	public void revokeTokens() {
		issued.clear();
	}

	public List<Recorded> tokenRequests() {
		return List.copyOf(tokenRequests);
	}

	public List<Recorded> apiRequests() {
		return List.copyOf(apiRequests);
	}

	/**
	 * @return the API requests answered with success.
	 */
	public List<Recorded> delivered() {
		return List.copyOf(delivered);
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}

	private void token(HttpExchange exchange) throws IOException {
		Recorded request = Recorded.of(exchange);
		tokenRequests.add(request);

		String clientId = null;
		String secret = null;
		String authorization = request.header("Authorization");
		if (authorization != null && authorization.startsWith("Basic ")) {
			String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
				.split(":", 2);
			clientId = pair[0];
			secret = pair.length == 2 ? pair[1] : null;
		}
		Duration delay = clientId == null ? null : loginDelays.get(clientId);
		if (delay != null) {
			sleep(delay);
		}

		Reply scripted = tokenScript.poll();
		if (scripted != null) {
			send(exchange, scripted);
		}
		else if (!request.method().equals("POST")) {
			send(exchange, Reply.json(405, "{\"error\":\"invalid_request\"}"));
		}
		else if (!String.valueOf(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded")
				|| !request.body().equals("grant_type=client_credentials")) {
			send(exchange, Reply.json(400,
					"{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant_type is required\"}"));
		}
		else if (clientId == null || secret == null || !secret.equals(clients.get(clientId))) {
			send(exchange, Reply.json(401,
					"{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials given.\"}"));
		}
		else {
			long seconds = expiresIn;
			String token = "token-" + tokenCount.incrementAndGet() + "-" + clientId;
			issued.put(token, System.nanoTime() + Duration.ofSeconds(seconds).toNanos());
			send(exchange, Reply.json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
					+ seconds + "}"));
		}
	}

	private void api(HttpExchange exchange) throws IOException {
		Recorded request = Recorded.of(exchange);
		apiRequests.add(request);

		Matcher path = INBOUND.matcher(request.path());
		String authorization = String.valueOf(request.header("Authorization"));
		Long expiry = authorization.startsWith("Bearer ") ? issued.get(authorization.substring(7)) : null;
		if (!request.method().equals("POST") || !path.matches() || !path.group(1).equals(INTEGRATION_ID)) {
			send(exchange, error(404, "not.found", "The requested resource was not found."));
			return;
		}
		if (expiry == null || System.nanoTime() - expiry > 0) {
			send(exchange, error(401, "bad.credentials", "Invalid login credentials."));
			return;
		}
		Reply scripted = apiScript.poll();
		if (scripted != null) {
			send(exchange, scripted);
			return;
		}
		delivered.add(request);
		Matcher from = FROM_ID.matcher(request.body());
		String conversation = from.find() ? "\",\"conversationId\":\"conv-" + from.group(1) : "";
		send(exchange, Reply.json(200, "{\"id\":\"gen-" + messageCount.incrementAndGet() + conversation
				+ "\",\"channel\":{\"id\":\"" + INTEGRATION_ID + "\",\"platform\":\"Open\",\"type\":\"Private\"},"
				+ "\"type\":\"Text\",\"direction\":\"Inbound\"}"));
	}

	/**
	 * A Genesys {@code ErrorBody} answer.
	 */
	public static Reply error(int status, String code, String message) {
		return Reply.json(status, "{\"message\":\"" + message + "\",\"code\":\"" + code + "\",\"status\":" + status
				+ ",\"messageParams\":{},\"contextId\":\"ctx-" + status + "-" + code + "\",\"details\":[],\"errors\":[]}");
	}

	private static void send(HttpExchange exchange, Reply reply) throws IOException {
		byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
		reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
		if (body.length > 0) {
			exchange.getResponseBody().write(body);
		}
		exchange.close();
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A request the fake received.
	 *
	 * @param atNanos {@link System#nanoTime()} when it arrived.
	 */
	public record Recorded(String method, String path, @Nullable String query, Map<String, List<String>> headers,
			String body, long atNanos) {

		static Recorded of(HttpExchange exchange) throws IOException {
			long at = System.nanoTime();
			Map<String, List<String>> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			URI uri = exchange.getRequestURI();
			return new Recorded(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), headers, body, at);
		}

		public @Nullable String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(header -> header.getKey().equalsIgnoreCase(name))
				.flatMap(header -> header.getValue().stream())
				.findFirst()
				.orElse(null);
		}
	}

	/**
	 * A scripted answer.
	 */
	public record Reply(int status, Map<String, String> headers, String body) {

		public static Reply json(int status, String body) {
			return new Reply(status, Map.of("Content-Type", "application/json"), body);
		}

		public static Reply of(int status, String contentType, String body) {
			return new Reply(status, Map.of("Content-Type", contentType), body);
		}

		public Reply with(String header, String value) {
			var headers = new LinkedHashMap<>(this.headers);
			headers.put(header, value);
			return new Reply(status, headers, body);
		}
	}
}

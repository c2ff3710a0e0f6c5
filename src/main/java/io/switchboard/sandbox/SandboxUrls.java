package io.switchboard.sandbox;

import java.net.URI;


/**
 * Where this application is reached from outside: {@code switchboard.sandbox.public-url}, or
 * {@code http://localhost:<server.port>} by default. The sandbox tenant's Genesys and Graph base URLs, the webhook the
 * simulated Meta calls and the links logged at start-up all derive from it.
 */
public final class SandboxUrls {

	private final String base;

	/**
	 * @param serverPort the port this application listens on, used when no public URL is set.
	 */
	public SandboxUrls(SandboxSettings settings, int serverPort) {
		String configured = settings.publicUrl() == null ? "http://localhost:" + serverPort
				: settings.publicUrl().toString();
		this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
	}

	/**
	 * @return the public base URL, without a trailing slash.
	 */
	public URI base() {
		return URI.create(base);
	}

	/**
	 * @param path must start with {@code /}.
	 */
	public URI resolve(String path) {
		return URI.create(base + path);
	}

	/**
	 * @return the path of {@code uri} without a trailing slash, to tell whether a tenant's base URL points at one of
	 *         the simulators.
	 */
	public static String pathOf(URI uri) {
		String path = uri.getPath() == null ? "" : uri.getPath();
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}
}

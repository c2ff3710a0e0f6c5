package io.switchboard.sandbox;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Where this application is reached from outside: {@code switchboard.sandbox.public-url}, or
 * {@code http://localhost:<server.port>} by default. The sandbox tenant's Genesys and Graph base URLs, the webhook the
 * simulated Meta calls and the links logged at start-up all derive from it.
 */
@Component
@ConditionalOnProperty(name = "switchboard.sandbox.enabled", havingValue = "true")
class SandboxUrls {

	private final String base;

	SandboxUrls(SandboxSettings settings, @Value("${server.port:8080}") int serverPort) {
		String configured = settings.publicUrl() == null ? "http://localhost:" + serverPort
				: settings.publicUrl().toString();
		this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
	}

	/**
	 * @return the public base URL, without a trailing slash.
	 */
	URI base() {
		return URI.create(base);
	}

	/**
	 * @param path must start with {@code /}.
	 */
	URI resolve(String path) {
		return URI.create(base + path);
	}
}

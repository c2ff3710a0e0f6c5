package io.switchboard.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token requests to the platforms ({@code switchboard.auth}).
 *
 * @param connectTimeout how long to wait for a connection to the login host.
 * @param readTimeout how long to wait for the answer to a token request.
 */
@ConfigurationProperties("switchboard.auth")
record AuthSettings(Duration connectTimeout, Duration readTimeout) {

	AuthSettings {
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
		readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
	}
}

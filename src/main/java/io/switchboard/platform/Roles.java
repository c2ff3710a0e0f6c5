package io.switchboard.platform;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which roles this process plays ({@code switchboard.roles}). By default one process plays all of them.
 *
 * @param roles {@code edge} (webhooks, APIs and pages), {@code worker} (consumes the work channels and calls the
 *        platforms) or {@code all}.
 */
@ConfigurationProperties("switchboard")
public record Roles(Set<String> roles) {

	public Roles {
		roles = roles == null || roles.isEmpty() ? Set.of("all") : Set.copyOf(roles);
	}

	public boolean worker() {
		return roles.contains("all") || roles.contains("worker");
	}

	public boolean edge() {
		return roles.contains("all") || roles.contains("edge");
	}
}

package io.switchboard.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.switchboard.platform.Role;
import io.switchboard.platform.Roles;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The seed's port plan ({@code switchboard.ports.*}): with {@code enabled}, every service this process plays also
 * listens on its own port ({@link Role#port()}, or {@code of.<service>}), which answers only that service's paths.
 * Off by default: everything is served on {@code server.port}.
 *
 * @param enabled whether the services' ports are opened.
 * @param of a port per service name, instead of the seed's.
 */
@ConfigurationProperties("switchboard.ports")
record PortSettings(boolean enabled, Map<String, Integer> of) {

	PortSettings {
		of = of == null ? Map.of() : Map.copyOf(of);
		for (String name : of.keySet()) {
			if (Role.of(name).isEmpty()) {
				throw new IllegalArgumentException("switchboard.ports.of." + name + " names no service. Valid: "
						+ String.join(", ", Roles.validNames().stream().filter(n -> Role.of(n).isPresent()).toList())
						+ ".");
			}
		}
	}

	/**
	 * @return the port of a service.
	 */
	int portOf(Role role) {
		return of.getOrDefault(role.serviceName(), role.port());
	}

	/**
	 * @return the services' ports this process opens besides {@code mainPort}, none unless enabled.
	 */
	Map<Integer, Role> opened(Roles roles, int mainPort) {
		Map<Integer, Role> opened = new LinkedHashMap<>();
		if (enabled) {
			for (Role role : roles.services()) {
				int port = portOf(role);
				if (port != mainPort) {
					Role before = opened.putIfAbsent(port, role);
					if (before != null) {
						throw new IllegalArgumentException("Port " + port + " is given to both " + before.serviceName()
								+ " and " + role.serviceName() + " (switchboard.ports.of).");
					}
				}
			}
		}
		return opened;
	}

	/**
	 * @return the service whose port a request arrived on, if it arrived on one.
	 */
	Optional<Role> serviceAt(Roles roles, int mainPort, @Nullable Integer localPort) {
		return localPort == null ? Optional.empty() : Optional.ofNullable(opened(roles, mainPort).get(localPort));
	}
}

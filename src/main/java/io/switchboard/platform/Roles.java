package io.switchboard.platform;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which roles this process plays ({@code switchboard.roles}, comma-separated). By default one process plays all of
 * them. A name is one of the seed's services ({@link Role}) or a group: {@code edge} (the webhooks, the APIs, the
 * gateway and the pages), {@code worker} (the transformers: every work channel) or {@code all}. An unknown name
 * refuses the start, listing the valid ones.
 * <p>
 * A process given only service names answers only those services' paths on its main port; a process given a group
 * answers every path there, as before services could be named (a worker still answers the webhooks a test or a
 * misrouted gateway sends it, and publishes their work).
 */
@ConfigurationProperties("switchboard")
public final class Roles {

	/** The groups and the services each stands for. */
	public static final Map<String, Set<Role>> GROUPS = Map.of(
			"all", Collections.unmodifiableSet(EnumSet.allOf(Role.class)),
			"edge", Collections.unmodifiableSet(EnumSet.complementOf(
					EnumSet.of(Role.INBOUND_TRANSFORMER, Role.OUTBOUND_TRANSFORMER))),
			"worker", Collections.unmodifiableSet(EnumSet.of(Role.INBOUND_TRANSFORMER, Role.OUTBOUND_TRANSFORMER)));

	private final Set<String> roles;
	private final Set<Role> services;
	private final boolean grouped;

	/**
	 * @param roles the names as configured; none means {@code all}.
	 * @throws IllegalArgumentException for a name that is neither a service nor a group.
	 */
	public Roles(@Nullable Set<String> roles) {
		Set<String> names = roles == null ? Set.of() : roles.stream().map(String::trim)
				.filter(name -> !name.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
		this.roles = names.isEmpty() ? Set.of("all") : Collections.unmodifiableSet(names);
		EnumSet<Role> played = EnumSet.noneOf(Role.class);
		Set<String> unknown = new TreeSet<>();
		for (String name : this.roles) {
			Set<Role> group = GROUPS.get(name);
			if (group != null) {
				played.addAll(group);
			}
			else {
				Role.of(name).ifPresentOrElse(played::add, () -> unknown.add(name));
			}
		}
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown role(s) in switchboard.roles: " + String.join(", ", unknown)
					+ ". Valid: " + String.join(", ", validNames()) + ".");
		}
		this.services = Collections.unmodifiableSet(played);
		this.grouped = this.roles.stream().anyMatch(GROUPS::containsKey);
	}

	/**
	 * @return every name {@code switchboard.roles} accepts: the services in the seed's port order, then the groups.
	 */
	public static Set<String> validNames() {
		return Stream.concat(Arrays.stream(Role.values()).map(Role::serviceName), Stream.of("edge", "worker", "all"))
				.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/**
	 * @return the names as configured.
	 */
	public Set<String> roles() {
		return roles;
	}

	/**
	 * @return the services this process plays, the groups expanded.
	 */
	public Set<Role> services() {
		return services;
	}

	/**
	 * @return whether this process plays a service.
	 */
	public boolean plays(Role role) {
		return services.contains(role);
	}

	/**
	 * @return whether this process consumes a work channel.
	 */
	public boolean consumes(String channel) {
		return services.stream().anyMatch(role -> role.channels().contains(channel));
	}

	/**
	 * @return whether this process consumes any work channel.
	 */
	public boolean worker() {
		return services.stream().anyMatch(role -> !role.channels().isEmpty());
	}

	/**
	 * @return whether this process plays any service that answers over HTTP (and so publishes work).
	 */
	public boolean edge() {
		return services.stream().anyMatch(role -> !role.paths().isEmpty());
	}

	/**
	 * @return whether the main port answers only the paths of {@link #services()} (no group was named).
	 */
	public boolean limitsPaths() {
		return !grouped;
	}

	/**
	 * @return the name {@code /health} gives the process on its main port: the configured names, comma-separated.
	 */
	public String name() {
		return String.join(",", roles);
	}

	@Override
	public String toString() {
		return "Roles" + roles;
	}
}

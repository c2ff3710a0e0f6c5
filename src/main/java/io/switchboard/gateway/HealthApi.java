package io.switchboard.gateway;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.platform.Role;
import io.switchboard.platform.Roles;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's health answer, {@code GET /health}: {@code {"status":"healthy","service":"genesys-api"}}, or
 * {@code unhealthy} with 503 when a dependency of the role is down. Every role depends on the database (its work,
 * ledger and tenants live there); the platforms (Genesys, Meta) are not dependencies: a role waits out their outages
 * with its work kept. On a service's port ({@link PortSettings}) {@code service} is that service; on the main port it
 * is {@code switchboard.roles} as configured, and {@code services} lists the services it stands for. The actuator's
 * health ({@code /actuator/health}, its probes) stays as it is.
 */
@RestController
@Hidden
class HealthApi {

	static final String PATH = "/health";

	private static final Logger log = LoggerFactory.getLogger(HealthApi.class);
	private static final int VALID_WITHIN_SECONDS = 2;

	private final DataSource database;
	private final Roles roles;
	private final PortSettings ports;
	private final int mainPort;

	HealthApi(DataSource database, Roles roles, PortSettings ports, Environment environment) {
		this.database = database;
		this.roles = roles;
		this.ports = ports;
		this.mainPort = ServicePorts.mainPort(environment);
	}

	/**
	 * The health of the role the request reached.
	 *
	 * @param status {@code healthy} or {@code unhealthy}.
	 * @param service the service of the port, or the process's roles.
	 * @param services the services that stands for.
	 */
	record Health(String status, String service, List<String> services) {}

	@GetMapping(PATH)
	ResponseEntity<Health> health(HttpServletRequest request) {
		Optional<Role> service = ports.serviceAt(roles, mainPort, request.getLocalPort());
		String name = service.map(Role::serviceName).orElse(roles.name());
		List<String> services = service.map(List::of)
				.orElseGet(() -> roles.services().stream().toList())
				.stream().map(Role::serviceName).toList();
		boolean healthy = databaseUp();
		return ResponseEntity.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
				.body(new Health(healthy ? "healthy" : "unhealthy", name, services));
	}

	private boolean databaseUp() {
		try (Connection connection = database.getConnection()) {
			return connection.isValid(VALID_WITHIN_SECONDS);
		}
		catch (SQLException e) {
			log.warn("Health: the database is not reachable: {}", e.toString());
			return false;
		}
	}
}

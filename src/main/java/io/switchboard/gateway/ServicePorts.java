package io.switchboard.gateway;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.switchboard.platform.Role;
import io.switchboard.platform.Roles;
import io.switchboard.platform.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The seed's services on their own ports ({@link PortSettings}) and the paths each port answers. A service's port
 * answers that service's paths and {@code /health}; the main port ({@code server.port}) answers every path while
 * a group ({@code edge}, {@code worker}, {@code all}) is played, else only the paths of the services played, the
 * actuator, {@code /health} and the sandbox's simulators. Any other path is answered 404 {@code not-found} before
 * any other filter sees the request.
 */
@Configuration(proxyBeanMethods = false)
class ServicePorts {

	private static final Logger log = LoggerFactory.getLogger(ServicePorts.class);

	/** Answered on every port. */
	static final List<String> EVERY_PORT = List.of(HealthApi.PATH, "/error");

	/** Answered on the main port whatever the services. */
	static final List<String> MAIN_PORT = List.of("/actuator", "/actuator/**", "/sandbox/**");

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> servicePortConnectors(PortSettings ports, Roles roles,
			Environment environment) {
		return new Connectors(ports, roles, mainPort(environment));
	}

	@Bean
	FilterRegistrationBean<PathsOfThePort> pathsOfThePort(PortSettings ports, Roles roles,
			Environment environment, ProblemAnswers problems) {
		FilterRegistrationBean<PathsOfThePort> registration = new FilterRegistrationBean<>(
				new PathsOfThePort(ports, roles, mainPort(environment), problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	static int mainPort(Environment environment) {
		return environment.getProperty("server.port", Integer.class, 8080);
	}

	/**
	 * One more Tomcat connector per service port, set up as the main one is (its connector and protocol handler
	 * customizers: virtual threads, header and body limits).
	 */
	static final class Connectors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		private final PortSettings ports;
		private final Roles roles;
		private final int mainPort;

		Connectors(PortSettings ports, Roles roles, int mainPort) {
			this.ports = ports;
			this.roles = roles;
			this.mainPort = mainPort;
		}

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			for (Map.Entry<Integer, Role> opened : ports.opened(roles, mainPort).entrySet()) {
				Connector connector = new Connector(factory.getProtocol());
				connector.setPort(opened.getKey());
				connector.setURIEncoding(factory.getUriEncoding().name());
				ProtocolHandler handler = connector.getProtocolHandler();
				LambdaSafe.callbacks(TomcatProtocolHandlerCustomizer.class, factory.getProtocolHandlerCustomizers(),
						handler).invoke(customizer -> customizer.customize(handler));
				LambdaSafe.callbacks(TomcatConnectorCustomizer.class, factory.getConnectorCustomizers(), connector)
						.invoke(customizer -> customizer.customize(connector));
				factory.addAdditionalConnectors(connector);
				log.info("Service {} listens on port {}", opened.getValue().serviceName(), opened.getKey());
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}
	}

	/**
	 * Refuses the paths the port a request arrived on does not answer.
	 */
	static final class PathsOfThePort extends OncePerRequestFilter {

		private final PortSettings ports;
		private final Roles roles;
		private final int mainPort;
		private final ProblemAnswers problems;
		private final Map<Role, List<PathPattern>> byService;
		private final List<PathPattern> everyPort = parse(EVERY_PORT);
		private final List<PathPattern> mainPortAlways = parse(MAIN_PORT);

		PathsOfThePort(PortSettings ports, Roles roles, int mainPort, ProblemAnswers problems) {
			this.ports = ports;
			this.roles = roles;
			this.mainPort = mainPort;
			this.problems = problems;
			this.byService = new EnumMap<>(Role.class);
			for (Role role : Role.values()) {
				byService.put(role, parse(role.paths()));
			}
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			PathContainer path = PathContainer.parsePath(request.getServletPath()
					+ (request.getPathInfo() == null ? "" : request.getPathInfo()));
			Optional<Role> service = ports.serviceAt(roles, mainPort, request.getLocalPort());
			if (answers(service, path)) {
				chain.doFilter(request, response);
				return;
			}
			problems.answer(response, ProblemType.NOT_FOUND.problem(service
					.map(role -> "This port serves " + role.serviceName() + "; it has no " + path.value() + ".")
					.orElse("This process does not serve " + path.value() + " (switchboard.roles=" + roles.name()
							+ ").")));
		}

		private boolean answers(Optional<Role> service, PathContainer path) {
			if (matches(everyPort, path)) {
				return true;
			}
			if (service.isPresent()) {
				return matches(byService.get(service.get()), path);
			}
			return !roles.limitsPaths() || matches(mainPortAlways, path)
					|| roles.services().stream().anyMatch(role -> matches(byService.get(role), path));
		}

		private static boolean matches(List<PathPattern> patterns, PathContainer path) {
			return patterns.stream().anyMatch(pattern -> pattern.matches(path));
		}

		private static List<PathPattern> parse(List<String> patterns) {
			return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
		}
	}
}

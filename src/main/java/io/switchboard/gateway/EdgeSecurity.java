package io.switchboard.gateway;

import java.util.List;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import tools.jackson.databind.json.JsonMapper;

/**
 * Switchboard's HTTP edge as Spring Security filter chains, one per surface, each matched on the normalised path
 * (decoded, {@code ;} parameters removed, as Spring MVC matches it). Before any chain is chosen, Spring Security's
 * request firewall rejects paths that are not in canonical form ({@code ;}, encoded {@code /}, {@code \}, {@code .}
 * or {@code %}, {@code //}, {@code ..}); they are answered 400 {@code invalid-request}.
 * <ol>
 * <li>The media store's links ({@code /media/**}): open here; their controller checks each link's signature and
 * expiry.</li>
 * <li>Webhooks ({@code /webhook/**}): open here; their controllers check the platforms' signatures over the raw
 * body.</li>
 * <li>The admin API ({@code /api/admin/**}): the admin key (role {@code ADMIN}); 403 {@code admin-api-off} while no
 * admin key is configured.</li>
 * <li>The tenant API ({@link #TENANT_API}): {@code X-Tenant-ID} and that tenant's key (role {@code TENANT}), then
 * the tenant's rate limit ({@link TenantRateLimit}).</li>
 * <li>The actuator: health open (status only without a key), everything else the management or admin key (role
 * {@code MANAGEMENT}); also on a separate {@code management.server.port}.</li>
 * <li>The sandbox's pages ({@link #PAGES}) and Swagger UI: open, each with the Content-Security-Policy of an HTML
 * page ({@link EdgeHeaders#PAGE_POLICY}, {@link EdgeHeaders#SWAGGER_POLICY}).</li>
 * <li>The sandbox's simulators ({@code /sandbox/**}, which exist only while the sandbox runs): open, their bodies
 * held to the limits of the platform each imitates (a 5 MB image upload must meet Meta's answer, not this edge's).</li>
 * <li>Everything else (the OpenAPI document, the error page): open.</li>
 * </ol>
 * No chain keeps a session, a saved request or a login page, and none checks CSRF tokens: no surface authenticates
 * by cookie, so there is nothing a forged cross-site request could borrow. Every chain writes the security headers
 * ({@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}, a Content-Security-Policy,
 * {@code X-Frame-Options: DENY}, and {@code Cache-Control: no-store} unless the answer sets its own), and every chain
 * but the webhooks' and the simulators' holds request bodies to {@link ApiSettings#maxBodySize()} ({@link BodyLimit}).
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurity {

	/** The paths of the tenant API. */
	static final List<String> TENANT_API = List.of("/api/**", "/whatsapp/send/**", "/genesys/messages/**",
			"/genesys/receipts", "/genesys/receipts/**");

	/** The sandbox's pages and their assets, served with {@link EdgeHeaders#PAGE_POLICY}. */
	static final List<String> PAGES = List.of("/sandbox", "/sandbox/", "/sandbox/customer", "/sandbox/agent",
			"/sandbox/assets/**");

	/** The paths of the admin API. */
	static final String ADMIN_API = "/api/admin/**";

	private static final PathPattern ADMIN_PATTERN = PathPatternParser.defaultInstance.parse(ADMIN_API);
	private static final List<PathPattern> TENANT_PATTERNS = TENANT_API.stream()
			.map(PathPatternParser.defaultInstance::parse).toList();

	/**
	 * @return whether a path (as documented in the OpenAPI description) belongs to the tenant API.
	 */
	static boolean isTenantApi(String path) {
		PathContainer container = PathContainer.parsePath(path);
		return !ADMIN_PATTERN.matches(container) && TENANT_PATTERNS.stream().anyMatch(p -> p.matches(container));
	}

	@Bean
	ProblemAnswers problemAnswers(JsonMapper json) {
		return new ProblemAnswers(json);
	}

	@Bean
	@Order(0)
	SecurityFilterChain mediaLinkChain(HttpSecurity http, ProblemAnswers problems, ApiSettings api) {
		return open(http, EdgeHeaders.API_POLICY, problems, api).securityMatcher("/media/**").build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain webhookChain(HttpSecurity http) {
		return stateless(http, EdgeHeaders.API_POLICY).securityMatcher("/webhook/**")
				.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
				.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain adminApiChain(HttpSecurity http, ApiKeyAuthenticationProvider keys, AdminSettings admin,
			ProblemAnswers problems, ApiSettings api) {
		return keyOnly(withKeys(http, Surface.ADMIN, keys, problems.entryPoint(Surface.ADMIN, admin.apiKey() != null),
				problems, api), ApiKeyAuthenticationProvider.ADMIN, ADMIN_API);
	}

	@Bean
	@Order(3)
	SecurityFilterChain tenantApiChain(HttpSecurity http, ApiKeyAuthenticationProvider keys, ProblemAnswers problems,
			ApiSettings api, ApiRateLimiter rateLimit) {
		return keyOnly(withKeys(http, Surface.TENANT, keys, problems.entryPoint(Surface.TENANT, true), problems, api)
				.addFilterAfter(new TenantRateLimit(rateLimit, problems), CallerLogging.class),
				ApiKeyAuthenticationProvider.TENANT, TENANT_API.toArray(String[]::new));
	}

	private static SecurityFilterChain keyOnly(HttpSecurity http, String role, String... paths) {
		return http.securityMatcher(paths).authorizeHttpRequests(requests -> requests.anyRequest().hasRole(role))
				.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain managementChain(HttpSecurity http, ApiKeyAuthenticationProvider keys, ProblemAnswers problems,
			ApiSettings api) {
		return withKeys(http, Surface.MANAGEMENT, keys, problems.entryPoint(Surface.MANAGEMENT, true), problems, api)
				.securityMatcher(EndpointRequest.toAnyEndpoint())
				.authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
						.permitAll().anyRequest().hasRole(ApiKeyAuthenticationProvider.MANAGEMENT))
				.build();
	}

	@Bean
	@Order(5)
	SecurityFilterChain pageChain(HttpSecurity http, ProblemAnswers problems, ApiSettings api) {
		return open(http, EdgeHeaders.PAGE_POLICY, problems, api).securityMatcher(PAGES.toArray(String[]::new))
				.build();
	}

	@Bean
	@Order(6)
	SecurityFilterChain swaggerChain(HttpSecurity http, ProblemAnswers problems, ApiSettings api) {
		return open(http, EdgeHeaders.SWAGGER_POLICY, problems, api)
				.securityMatcher("/swagger-ui.html", "/swagger-ui/**").build();
	}

	@Bean
	@Order(7)
	SecurityFilterChain simulatorChain(HttpSecurity http) {
		return stateless(http, EdgeHeaders.API_POLICY).securityMatcher("/sandbox/**")
				.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
	}

	@Bean
	@Order(8)
	SecurityFilterChain openChain(HttpSecurity http, ProblemAnswers problems, ApiSettings api) {
		return open(http, EdgeHeaders.API_POLICY, problems, api).build();
	}

	private static HttpSecurity open(HttpSecurity http, String contentSecurityPolicy, ProblemAnswers problems,
			ApiSettings api) {
		return stateless(http, contentSecurityPolicy)
				.addFilterAfter(new BodyLimit(api, problems), HeaderWriterFilter.class)
				.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
	}

	private static HttpSecurity withKeys(HttpSecurity http, Surface surface, ApiKeyAuthenticationProvider keys,
			AuthenticationEntryPoint entryPoint, ProblemAnswers problems, ApiSettings api) {
		AuthenticationFilter authentication = new AuthenticationFilter(new ProviderManager(keys),
				new ApiKeyConverter(surface));
		authentication.setSuccessHandler((request, response, caller) -> {});
		authentication.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
		return stateless(http, EdgeHeaders.API_POLICY)
				.addFilterAfter(new BodyLimit(api, problems), HeaderWriterFilter.class)
				.addFilterBefore(authentication, AnonymousAuthenticationFilter.class)
				.addFilterAfter(new CallerLogging(), AnonymousAuthenticationFilter.class)
				.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
						.accessDeniedHandler(problems));
	}

	private static HttpSecurity stateless(HttpSecurity http, String contentSecurityPolicy) {
		return http.headers(headers -> headers
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.contentSecurityPolicy(policy -> policy.policyDirectives(contentSecurityPolicy)))
				.csrf(AbstractHttpConfigurer::disable)
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(AbstractHttpConfigurer::disable)
				.logout(AbstractHttpConfigurer::disable)
				.formLogin(AbstractHttpConfigurer::disable)
				.httpBasic(AbstractHttpConfigurer::disable);
	}
}

package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.switchboard.media.MediaBucket;
import io.switchboard.platform.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment files under {@code deploy/} checked without Docker or Kubernetes (docs/deployment.md): every YAML
 * parses, the compose file runs every role on the four engines and sets only settings the application has, the Helm
 * chart's templates use only values it defines and render to the objects a deployment needs, the Grafana dashboard
 * queries only metrics the application registers, and the Dockerfile keeps its rules.
 */
class DeploymentFilesTests {

	private static final Path DEPLOY = Path.of("deploy");

	private static final Path CHART = DEPLOY.resolve("helm/switchboard");

	private static final Pattern IMAGE = Pattern.compile("([\\w./-]+):([\\w.-]+)");

	/** Standard Micrometer meters the dashboard may show beside Switchboard's own. */
	private static final Set<String> STANDARD_METRICS = Set.of("jvm_memory_used_bytes", "jvm_memory_max_bytes",
			"jvm_gc_pause_seconds_sum", "http_server_requests_seconds_count");

	/**
	 * Redis settings the deployment files set ahead of the Redis adapters (issue 11), accepted only while Spring Data
	 * Redis, whose metadata then checks them, is not on the classpath.
	 */
	private static final Set<String> REDIS_AHEAD = Set.of("spring.data.redis.host", "spring.data.redis.port",
			"spring.data.redis.password");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void everyYamlFileUnderDeployParses() throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(DEPLOY)) {
			files = walk.filter(path -> path.toString().matches(".*\\.ya?ml"))
				.filter(path -> !path.startsWith(CHART.resolve("templates")))
				.toList();
		}
		assertThat(files).contains(DEPLOY.resolve("compose.yaml"), CHART.resolve("Chart.yaml"),
				CHART.resolve("values.yaml"), DEPLOY.resolve("tenants.example.yml"));
		for (Path file : files) {
			assertThat(yaml(file)).as(file.toString()).isNotNull();
		}
	}

	@Test
	void composeRunsEachRoleOnPostgresRabbitmqRedisAndMinio() throws IOException {
		Map<String, Map<String, Object>> services = composeServices();
		assertThat(services).containsKeys("edge", "worker", "postgres", "rabbitmq", "redis", "minio", "minio-buckets");

		Roles edge = roles(services.get("edge"));
		Roles worker = roles(services.get("worker"));
		assertThat(edge.edge()).isTrue();
		assertThat(edge.worker()).isFalse();
		assertThat(worker.worker()).isTrue();
		assertThat(worker.edge()).isFalse();

		assertThat(imageTag(services.get("postgres"))).satisfies(tag -> assertThat(major(tag)).isGreaterThanOrEqualTo(16));
		assertThat(imageTag(services.get("redis"))).satisfies(tag -> assertThat(major(tag)).isEqualTo(7));
		assertThat(imageTag(services.get("rabbitmq"))).contains("management")
			.satisfies(tag -> assertThat(version(tag)).isGreaterThanOrEqualTo(313));

		for (String role : List.of("edge", "worker")) {
			Map<String, String> env = environment(services.get(role));
			assertThat(env).containsEntry("SWITCHBOARD_WORK_TRANSPORT", "rabbitmq")
				.containsEntry("SWITCHBOARD_MEDIA_STORE", "s3")
				.containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_PASSWORD", "SWITCHBOARD_ENCRYPTIONKEY",
						"SPRING_RABBITMQ_HOST", "SPRING_DATA_REDIS_HOST", "SWITCHBOARD_MEDIA_S3_ENDPOINT");
			assertThat(map(services.get(role).get("depends_on")))
				.containsEntry("postgres", Map.of("condition", "service_healthy"))
				.containsEntry("rabbitmq", Map.of("condition", "service_healthy"))
				.containsEntry("redis", Map.of("condition", "service_healthy"))
				.containsEntry("minio-buckets", Map.of("condition", "service_completed_successfully"));
		}
	}

	@Test
	void composePinsEveryImageAndChecksTheHealthOfEveryLongRunningService() throws IOException {
		composeServices().forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name + "'s image").isNotNull();
			Matcher matcher = IMAGE.matcher(image);
			assertThat(matcher.matches()).as(name + "'s image has a tag: " + image).isTrue();
			assertThat(matcher.group(2)).as(name + "'s tag").isNotEqualTo("latest");
			if (!"no".equals(service.get("restart"))) {
				assertThat(map(service.get("healthcheck"))).as(name + "'s healthcheck").containsKey("test");
			}
		});
		assertThat(composeServices().get("edge").get("healthcheck").toString()).contains("/actuator/health/readiness");
	}

	@Test
	void composeTakesItsSecretsFromTheUncommittedEnvFileOnly() throws IOException {
		Set<String> placeholders = new TreeSet<>();
		Matcher matcher = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(DEPLOY.resolve("compose.yaml")));
		while (matcher.find()) {
			placeholders.add(matcher.group(1));
		}
		Map<String, String> example = envFile(DEPLOY.resolve("compose.env.example"));
		assertThat(example.keySet()).containsAll(placeholders);
		example.forEach((key, value) -> {
			if (key.matches(".*(PASSWORD|KEY).*")) {
				assertThat(value).as(key).startsWith("change-me");
			}
		});
		assertThat(Files.readAllLines(DEPLOY.resolve(".gitignore"))).contains("compose.env", "tenants.yml");
		composeServices().forEach((name, service) -> environment(service).forEach((key, value) -> {
			if (key.matches(".*(PASSWORD|SECRETKEY|APIKEY|ENCRYPTIONKEY).*")) {
				assertThat(value).as(name + " " + key + " comes from compose.env").startsWith("${");
			}
		}));
	}

	@Test
	void theBucketProvisioningCreatesTheFourBucketsOfTheMediaStore() throws IOException {
		String script = Files.readString(DEPLOY.resolve("minio-buckets.sh"));
		Matcher matcher = Pattern.compile("for bucket in ([a-z\\- ]+); do").matcher(script);
		assertThat(matcher.find()).isTrue();
		assertThat(matcher.group(1).trim().split(" +")).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(MediaBucket.values()).map(MediaBucket::bucketName).toList());
		assertThat(environment(composeServices().get("edge"))).containsEntry("SWITCHBOARD_MEDIA_S3_CREATEBUCKETS",
				"false");
	}

	@Test
	void everyEnvironmentVariableTheFilesSetIsASettingOfTheApplication() throws IOException {
		Map<String, String> variables = new LinkedHashMap<>();
		for (String role : List.of("edge", "worker")) {
			variables.putAll(environment(composeServices().get(role)));
		}
		map(yaml(CHART.resolve("values.yaml")).get("config")).forEach((key, value) -> variables.put(key, "" + value));
		variables.putAll(dockerfileEnvironment());
		variables.remove("JDK_JAVA_OPTIONS");
		assertThat(variables).containsKeys("SWITCHBOARD_ROLES", "SPRING_DATASOURCE_URL", "SWITCHBOARD_MEDIA_DIRECTORY");

		assertThat(unknown(variables, settingsOfTheApplication())).isEmpty();
	}

	@Test
	void theSettingsCheckRefusesANameTheApplicationDoesNotHave() {
		Map<String, String> variables = Map.of("SWITCHBOARD_WORK_TRANSPORT", "rabbitmq", "SWITCHBOARD_WORK_TRANSPROT",
				"rabbitmq", "SPRING_RABBITMQ_HOSTNAME", "rabbitmq");
		assertThat(unknown(variables, settingsOfTheApplication()))
			.containsExactlyInAnyOrder("SWITCHBOARD_WORK_TRANSPROT", "SPRING_RABBITMQ_HOSTNAME");
	}

	@Test
	void theChartsTemplatesUseOnlyValuesAndHelpersItDefines() throws IOException {
		Map<String, Object> values = yaml(CHART.resolve("values.yaml"));
		String helpers = Files.readString(CHART.resolve("templates/_helpers.tpl"));
		Set<String> defined = matches(Pattern.compile("define \"([^\"]+)\""), helpers);
		for (Path template : templates(true)) {
			String text = Files.readString(template);
			for (String reference : matches(Pattern.compile("\\.Values\\.([A-Za-z0-9_.]+)"), text)) {
				assertThat(lookup(values, reference)).as(template.getFileName() + ": .Values." + reference)
					.isTrue();
			}
			assertThat(defined).as(template.getFileName() + "'s includes")
				.containsAll(matches(Pattern.compile("include \"([^\"]+)\""), text));
			assertThat(count(text, "\\{\\{-? *(if|with|range|define)\\b"))
				.as(template.getFileName() + ": every if, with, range and define is closed")
				.isEqualTo(count(text, "\\{\\{-? *end *-?}}"));
		}
	}

	@Test
	void theChartRendersEachRoleWithProbesResourcesScalingAndADisruptionBudget() throws IOException {
		Map<String, List<Map<String, Object>>> byKind = new HashMap<>();
		for (Path template : templates(false)) {
			for (Map<String, Object> object : skeleton(template)) {
				assertThat(object).as(template.getFileName().toString()).containsKeys("apiVersion", "kind", "metadata");
				byKind.computeIfAbsent((String) object.get("kind"), kind -> new ArrayList<>()).add(object);
			}
		}
		assertThat(byKind.get("Deployment")).hasSize(2);
		assertThat(byKind.get("Service")).hasSize(2);
		assertThat(byKind.get("HorizontalPodAutoscaler")).hasSize(2);
		assertThat(byKind.get("PodDisruptionBudget")).hasSize(2);
		assertThat(byKind).containsKeys("ConfigMap", "Ingress");
		for (Map<String, Object> deployment : byKind.get("Deployment")) {
			Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
			Map<String, Object> container = map(((List<?>) pod.get("containers")).getFirst());
			assertThat(container).containsKeys("startupProbe", "livenessProbe", "readinessProbe", "resources",
					"securityContext", "envFrom");
			assertThat(pod).containsKeys("securityContext", "volumes");
		}

		Map<String, Object> values = yaml(CHART.resolve("values.yaml"));
		Map<String, Object> probes = map(values.get("probes"));
		assertThat(map(probes.get("liveness"))).containsEntry("path", "/actuator/health/liveness");
		assertThat(map(probes.get("readiness"))).containsEntry("path", "/actuator/health/readiness");
		assertThat(map(values.get("podSecurityContext"))).containsEntry("runAsNonRoot", true);
		for (String role : List.of("edge", "worker")) {
			Map<String, Object> settings = map(values.get(role));
			assertThat(roles(settings.get("roles").toString()).worker()).isEqualTo(role.equals("worker"));
			Map<String, Object> resources = map(settings.get("resources"));
			assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
			assertThat(map(resources.get("limits"))).containsKey("memory");
			assertThat(map(settings.get("autoscaling"))).containsKeys("minReplicas", "maxReplicas",
					"targetCPUUtilizationPercentage");
		}
	}

	@Test
	void theDashboardQueriesOnlyMetricsTheApplicationRegisters() throws IOException {
		JsonNode dashboard = JSON.readTree(DEPLOY.resolve("grafana/switchboard-dashboard.json").toFile());
		Set<String> queried = new TreeSet<>();
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.path("targets")) {
				expressions.add(target.get("expr").asString());
			}
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			expressions.add(variable.path("definition").asString());
		}
		for (String expression : expressions) {
			queried.addAll(matches(Pattern.compile("([a-z_:][a-z0-9_:]*)\\{"), expression));
			queried.addAll(matches(Pattern.compile("label_values\\(([a-z_:][a-z0-9_:]*)"), expression));
		}
		assertThat(queried).contains("switchboard_relay_messages_total", "switchboard_relay_latency_seconds_bucket",
				"switchboard_work_backlog", "switchboard_work_backlog_oldest_seconds", "switchboard_work_dead_letters",
				"switchboard_whatsapp_webhooks_total", "switchboard_genesys_requests_seconds_count",
				"switchboard_whatsapp_paced_total", "switchboard_activity_customer_messages_total");

		Set<String> published = prometheusNames();
		assertThat(queried.stream().filter(name -> !published.contains(name) && !STANDARD_METRICS.contains(name)))
			.as("metrics the application does not publish").isEmpty();
		assertThat(published).doesNotContain("switchboard_genesys_requests_seconds_bucket")
			.contains("switchboard_relay_latency_seconds_bucket");
	}

	@Test
	void theDockerfileBuildsInStagesAndRunsAsAnUnprivilegedUserOnAJre21OrNewer() throws IOException {
		List<String> instructions = dockerfile();
		List<String> froms = instructions.stream().filter(line -> line.startsWith("FROM ")).toList();
		assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
		for (String from : froms) {
			Matcher image = IMAGE.matcher(from.split("\\s+")[1]);
			assertThat(image.matches()).as(from + " names a tag").isTrue();
			assertThat(image.group(2)).as(from).isNotEqualTo("latest");
		}
		assertThat(froms.getFirst()).contains("jdk").contains(" AS build");
		String runtime = froms.getLast().split("\\s+")[1];
		assertThat(runtime).contains("jre");
		assertThat(major(IMAGE.matcher(runtime).results().findFirst().orElseThrow().group(2)))
			.isGreaterThanOrEqualTo(21);
		assertThat(instructions).anyMatch(line -> line.startsWith("RUN ") && line.contains("./mvnw")
				&& line.contains("-DskipTests package"));

		List<String> last = instructions.subList(instructions.lastIndexOf(froms.getLast()), instructions.size());
		List<String> users = last.stream().filter(line -> line.startsWith("USER ")).toList();
		assertThat(users).isNotEmpty();
		assertThat(users.getLast().substring(5).trim().split(":")[0]).isNotIn("root", "0");
		assertThat(last).anyMatch(line -> line.startsWith("HEALTHCHECK ") && line.contains("/actuator/health/liveness"))
			.contains("EXPOSE 3000");
		assertThat(last).noneMatch(line -> line.startsWith("ADD "));

		Map<String, String> env = dockerfileEnvironment();
		assertThat(env.get("JDK_JAVA_OPTIONS")).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
		assertThat(instructions.stream().filter(line -> line.startsWith("ENV ") || line.startsWith("ARG ")))
			.noneMatch(line -> line.matches(".*(PASSWORD|SECRET|APIKEY|ENCRYPTIONKEY|ACCESSKEY|TOKEN).*"));
	}

	// --- the application's settings ---------------------------------------------------------------------------------

	/**
	 * Names among {@code variables} that no setting of the application reads, resolved the way Spring Boot resolves
	 * environment variables.
	 */
	private static Set<String> unknown(Map<String, String> variables, Set<String> settings) {
		Map<String, Object> tagged = new LinkedHashMap<>();
		variables.keySet().forEach(name -> tagged.put(name, "value-of-" + name));
		ConfigurationPropertySource source = ConfigurationPropertySource
			.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, tagged));
		Set<String> unknown = new TreeSet<>(variables.keySet());
		for (String setting : settings) {
			var property = source.getConfigurationProperty(ConfigurationPropertyName.adapt(setting, '.'));
			if (property != null) {
				unknown.remove(property.getValue().toString().substring("value-of-".length()));
			}
		}
		return unknown;
	}

	/** Spring Boot's documented settings (its configuration metadata) and Switchboard's own settings records. */
	private static Set<String> settingsOfTheApplication() {
		Set<String> settings = new LinkedHashSet<>();
		try {
			var resources = DeploymentFilesTests.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json");
			for (URL url : java.util.Collections.list(resources)) {
				try (InputStream in = url.openStream()) {
					JSON.readTree(in).path("properties").forEach(property -> settings.add(property.get("name").asString()));
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		assertThat(settings).contains("spring.datasource.url", "spring.rabbitmq.host", "spring.config.import");
		if (settings.stream().noneMatch(name -> name.startsWith("spring.data.redis."))) {
			settings.addAll(REDIS_AHEAD);
		}
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		for (var candidate : scanner.findCandidateComponents("io.switchboard")) {
			Class<?> type = load(candidate.getBeanClassName());
			String prefix = type.getAnnotation(ConfigurationProperties.class).value();
			if (prefix.isEmpty()) {
				prefix = type.getAnnotation(ConfigurationProperties.class).prefix();
			}
			addSettings(settings, prefix, type);
		}
		assertThat(settings).contains("switchboard.roles", "switchboard.media.s3.public-endpoint",
				"switchboard.work.rabbitmq.shards");
		return settings;
	}

	private static void addSettings(Set<String> settings, String prefix, Class<?> type) {
		if (!type.isRecord()) {
			java.util.Arrays.stream(type.getConstructors()).max(Comparator.comparingInt(c -> c.getParameterCount()))
				.ifPresent(bound -> java.util.Arrays.stream(bound.getParameters())
					.forEach(parameter -> settings.add(prefix + "." + kebab(parameter.getName()))));
			return;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			String name = prefix + "." + kebab(component.getName());
			settings.add(name);
			Class<?> componentType = component.getType();
			if (componentType.isRecord() && componentType.getPackageName().startsWith("io.switchboard")) {
				addSettings(settings, name, componentType);
			}
			Type generic = component.getGenericType();
			if (generic instanceof ParameterizedType parameterized && Collection.class.isAssignableFrom(componentType)
					&& parameterized.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
				addSettings(settings, name + "[0]", element);
			}
		}
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException e) {
			throw new IllegalStateException(e);
		}
	}

	// --- the application's metrics ----------------------------------------------------------------------------------

	/**
	 * The Prometheus names of the meters registered in the main sources: the literal {@code switchboard.*} names and
	 * the two composed per platform ({@code switchboard.<platform>.requests}, {@code switchboard.<endpoint>.webhooks}),
	 * with the suffixes Micrometer's Prometheus registry adds; {@code _bucket} only where application.yml asks for a
	 * histogram.
	 */
	private static Set<String> prometheusNames() throws IOException {
		Set<String> meters = new TreeSet<>();
		Pattern literal = Pattern.compile("\"(switchboard\\.[a-z0-9.\\-]+[a-z0-9])\"");
		Pattern composed = Pattern.compile("\"switchboard\\.\" \\+ [\\w.()]+ \\+ \"(\\.[a-z0-9.\\-]+)\"");
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
				String text = Files.readString(source);
				if (!text.contains("io.micrometer")) {
					continue;
				}
				meters.addAll(matches(literal, text));
				for (String suffix : matches(composed, text)) {
					meters.add("switchboard.whatsapp" + suffix);
					meters.add("switchboard.genesys" + suffix);
				}
			}
		}
		assertThat(meters).contains("switchboard.genesys.requests", "switchboard.whatsapp.webhooks");
		Map<String, Object> distribution = map(map(map(yaml(Path.of("src/main/resources/application.yml"))
			.get("management")).get("metrics")).get("distribution"));
		Set<String> histograms = map(distribution.get("percentiles-histogram")).entrySet()
			.stream()
			.filter(entry -> Boolean.TRUE.equals(entry.getValue()))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
		Set<String> names = new TreeSet<>();
		for (String meter : meters) {
			String base = meter.replace('.', '_').replace('-', '_');
			for (String suffix : List.of("", "_total", "_seconds", "_bytes", "_seconds_count", "_seconds_sum",
					"_seconds_max")) {
				names.add(base + suffix);
			}
			if (histograms.contains(meter)) {
				names.add(base + "_seconds_bucket");
			}
		}
		return names;
	}

	// --- reading the files ------------------------------------------------------------------------------------------

	private static Map<String, Object> yaml(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
		}
	}

	private static Map<String, Map<String, Object>> composeServices() throws IOException {
		Map<String, Map<String, Object>> services = new LinkedHashMap<>();
		map(yaml(DEPLOY.resolve("compose.yaml")).get("services")).forEach((name, service) -> services.put(name,
				map(service)));
		return services;
	}

	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, String> env = new LinkedHashMap<>();
		Object declared = service.get("environment");
		if (declared != null) {
			map(declared).forEach((key, value) -> env.put(key, String.valueOf(value)));
		}
		return env;
	}

	private static Roles roles(Map<String, Object> service) {
		return roles(environment(service).get("SWITCHBOARD_ROLES"));
	}

	private static Roles roles(String value) {
		return new Roles(Set.of(value.split(",")));
	}

	private static String imageTag(Map<String, Object> service) {
		Matcher matcher = IMAGE.matcher((String) service.get("image"));
		assertThat(matcher.matches()).isTrue();
		return matcher.group(2);
	}

	private static int major(String tag) {
		Matcher digits = Pattern.compile("^(\\d+)").matcher(tag);
		assertThat(digits.find()).as(tag + " starts with a version").isTrue();
		return Integer.parseInt(digits.group(1));
	}

	/** A {@code major.minor} tag as one number, {@code 3.13} as 313. */
	private static int version(String tag) {
		Matcher digits = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(tag);
		assertThat(digits.find()).as(tag + " starts with major.minor").isTrue();
		return Integer.parseInt(digits.group(1)) * 100 + Integer.parseInt(digits.group(2));
	}

	private static Map<String, String> envFile(Path file) throws IOException {
		Map<String, String> env = new LinkedHashMap<>();
		for (String line : Files.readAllLines(file)) {
			if (!line.isBlank() && !line.startsWith("#")) {
				int equals = line.indexOf('=');
				env.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
			}
		}
		return env;
	}

	/** The Dockerfile's instructions, continuation lines joined, comments and blank lines left out. */
	private static List<String> dockerfile() throws IOException {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : Files.readAllLines(DEPLOY.resolve("Dockerfile"))) {
			String trimmed = line.trim();
			if (trimmed.startsWith("#") || trimmed.isEmpty()) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			current.append(trimmed);
			instructions.add(current.toString().replaceAll("\\s+", " "));
			current.setLength(0);
		}
		return instructions;
	}

	private static Map<String, String> dockerfileEnvironment() throws IOException {
		Map<String, String> env = new LinkedHashMap<>();
		Pattern pair = Pattern.compile("([A-Z0-9_]+)=(\"[^\"]*\"|\\S+)");
		for (String instruction : dockerfile()) {
			if (instruction.startsWith("ENV ")) {
				Matcher matcher = pair.matcher(instruction.substring(4));
				while (matcher.find()) {
					env.put(matcher.group(1), matcher.group(2).replace("\"", ""));
				}
			}
		}
		return env;
	}

	private static List<Path> templates(boolean withHelpers) throws IOException {
		try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
			return files.filter(path -> path.toString().endsWith(".yaml")
					|| (withHelpers && (path.toString().endsWith(".tpl") || path.toString().endsWith(".txt"))))
				.sorted()
				.toList();
		}
	}

	/**
	 * A template's shape without Helm: lines that are only template actions dropped, inline actions replaced by a
	 * word, then parsed as YAML. Both branches of a condition are kept, so every object a template can render shows.
	 */
	private static List<Map<String, Object>> skeleton(Path template) throws IOException {
		StringBuilder text = new StringBuilder();
		for (String line : Files.readAllLines(template)) {
			String trimmed = line.trim();
			if (trimmed.startsWith("{{") && trimmed.endsWith("}}")) {
				continue;
			}
			text.append(line.replaceAll("\\{\\{.*?}}", "templated")).append('\n');
		}
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text.toString())) {
			if (document != null) {
				objects.add(map(document));
			}
		}
		return objects;
	}

	private static boolean lookup(Map<String, Object> values, String path) {
		Object node = values;
		for (String part : path.split("\\.")) {
			if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
				return false;
			}
			node = map.get(part);
		}
		return true;
	}

	private static Set<String> matches(Pattern pattern, String text) {
		Set<String> found = new TreeSet<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static long count(String text, String regex) {
		return Pattern.compile(regex).matcher(text).results().count();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}

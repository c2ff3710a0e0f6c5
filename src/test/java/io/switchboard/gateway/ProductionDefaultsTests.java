package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * What the {@code prod} profile and the defaults switch off or hide, and what the {@code sandbox} profile of
 * {@code ./mvnw spring-boot:run} switches on. The full-application tests run under that profile; a start on the
 * defaults alone is {@code PackagedJarDefaultsIntegrationTests}.
 */
class ProductionDefaultsTests {

	@Test
	void theProdProfileServesNoSwaggerUiNorOpenApiDocumentUnlessEnabled() {
		Properties prod = yaml("application-prod.yml");
		assertThat(prod).containsEntry("springdoc.api-docs.enabled", false)
				.containsEntry("springdoc.swagger-ui.enabled", false)
				.containsEntry("switchboard.sandbox.enabled", false);
	}

	@Test
	void theDefaultsRunNoSandboxAndNoEmbeddedDatabase() {
		assertThat(yaml("application.yml")).containsEntry("switchboard.sandbox.enabled", false)
				.containsEntry("switchboard.database.embedded", false);
	}

	@Test
	void springBootRunStartsTheSandboxProfileWhichRunsTheSandboxOnTheEmbeddedDatabase() throws Exception {
		assertThat(Files.readString(Path.of("pom.xml")))
				.contains("<spring-boot.run.profiles>sandbox</spring-boot.run.profiles>");
		assertThat(yaml("application-sandbox.yml")).containsEntry("switchboard.sandbox.enabled", true)
				.containsEntry("switchboard.database.embedded", true);
	}

	@Test
	void healthShowsDetailsOnlyToHoldersOfTheManagementRole() {
		Properties defaults = yaml("application.yml");
		assertThat(defaults).containsEntry("management.endpoint.health.show-details", "when-authorized")
				.containsEntry("management.endpoint.health.roles", ApiKeyAuthenticationProvider.MANAGEMENT);
	}

	private static Properties yaml(String name) {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource(name));
		return yaml.getObject();
	}
}

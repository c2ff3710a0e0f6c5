package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * What the {@code prod} profile and the defaults switch off or hide.
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

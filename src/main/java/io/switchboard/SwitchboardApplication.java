package io.switchboard;

import io.switchboard.sandbox.SandboxConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Switchboard: relays WhatsApp Business conversations to a Genesys Cloud contact center and back.
 * One jar runs every role; see {@code docs/architecture.md}. The component scan is Spring Boot's, except that it
 * leaves the sandbox's simulators and pages to {@link SandboxConfiguration}, which creates them only when the sandbox
 * is switched on.
 */
@SpringBootApplication
@ComponentScan(excludeFilters = { @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.REGEX, pattern = SandboxConfiguration.SUB_PACKAGES) })
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
public class SwitchboardApplication {

	public static void main(String[] args) {
		SpringApplication.run(SwitchboardApplication.class, args);
	}
}

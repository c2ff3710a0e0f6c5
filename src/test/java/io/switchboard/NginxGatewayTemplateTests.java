package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The gateway's template and the values it is rendered with (docs/gateway.md) name the same placeholders, so that
 * rendering with {@code envsubst} and the names of {@code switchboard.env} leaves none unfilled and fills none of
 * nginx's own variables.
 */
class NginxGatewayTemplateTests {

	private static final Path DIR = Path.of("deploy", "nginx");

	@Test
	void everyPlaceholderOfTheTemplateHasAValueInTheEnvironmentFileAndNoValueIsUnused() throws Exception {
		Set<String> placeholders = matches(Pattern.compile("\\$\\{(SWITCHBOARD_[A-Z_]+)}"),
				Files.readString(DIR.resolve("templates/switchboard.conf.template")));
		Set<String> values = matches(Pattern.compile("(?m)^(SWITCHBOARD_[A-Z_]+)=\\S+$"),
				Files.readString(DIR.resolve("switchboard.env")));

		assertThat(placeholders).contains("SWITCHBOARD_LISTEN", "SWITCHBOARD_WHATSAPP_WEBHOOK_UPSTREAM");
		assertThat(values).isEqualTo(placeholders);
	}

	@Test
	void theTemplateUsesNoPlaceholderThatEnvsubstWouldTakeForAnNginxVariable() throws Exception {
		String template = Files.readString(DIR.resolve("templates/switchboard.conf.template"));
		Set<String> braced = matches(Pattern.compile("\\$\\{([A-Za-z_]+)}"), template.replaceAll("(?m)^\\s*#.*$", ""));

		assertThat(braced).allMatch(name -> name.startsWith("SWITCHBOARD_"));
	}

	private static Set<String> matches(Pattern pattern, String text) {
		Set<String> found = new TreeSet<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}
}

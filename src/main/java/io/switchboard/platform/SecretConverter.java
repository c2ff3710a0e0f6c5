package io.switchboard.platform;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Lets typed settings declare credentials as {@link Secret}s.
 */
@Component
@ConfigurationPropertiesBinding
class SecretConverter implements Converter<String, Secret> {

	@Override
	public Secret convert(String source) {
		return Secret.of(source);
	}
}

package io.switchboard.platform;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Spring's JSON mapper, which reads the REST API's bodies and the platforms' answers, {@linkplain
 * JsonFields#strict(tools.jackson.databind.json.JsonMapper.Builder) strict} like every other: a body that gives a key
 * twice in one object is not read.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return JsonFields::strict;
	}
}

package io.switchboard.gateway;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes Switchboard's REST API ({@code /v3/api-docs}, {@code /swagger-ui.html}): the per-tenant API key and the
 * {@code X-Tenant-ID} header every protected call carries, and the admin key of the admin API.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDescription {

	@Bean
	OpenAPI switchboardApi() {
		return new OpenAPI()
				.info(new Info().title("Switchboard API").version("v1")
						.description("Send to WhatsApp and Genesys on a tenant's behalf, and read the conversation "
								+ "mappings and message ledger. Every call names its tenant in X-Tenant-ID and "
								+ "authenticates with that tenant's API key; the admin API (/api/admin/) takes the admin "
								+ "key instead. Errors are RFC 9457 problem details."))
				.components(new Components()
						.addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
								.scheme("bearer").description("The tenant's API key, as 'Authorization: Bearer <key>'"))
						.addSecuritySchemes("adminKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
								.scheme("bearer").description("The admin API key (switchboard.admin.api-key), as "
										+ "'Authorization: Bearer <key>'")));
	}

	@Bean
	OpenApiCustomizer tenantHeader() {
		return api -> api.getPaths().forEach((path, item) -> {
			if (EdgeSecurity.isTenantApi(path)) {
				item.readOperations().forEach(operation -> operation.addParametersItem(new HeaderParameter()
						.name("X-Tenant-ID").required(true).description("The tenant the call acts for")
						.schema(new StringSchema())));
			}
		});
	}
}

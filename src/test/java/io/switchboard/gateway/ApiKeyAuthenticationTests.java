package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchboard.platform.Secret;
import io.switchboard.platform.web.CallingAdmin;
import io.switchboard.tenant.Tenants;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

/**
 * The admin key's side of the API authentication; the tenants' side and the admin API itself are tested over HTTP.
 */
class ApiKeyAuthenticationTests {

	private static final String ADMIN_KEY = "the-admin-key";

	private final Tenants tenants = mock(Tenants.class);
	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void withoutAnAdminKeyConfiguredTheAdminApiIsOffWhateverIsPresented() throws Exception {
		ApiKeyAuthentication authentication = new ApiKeyAuthentication(tenants, json, new AdminSettings(null, null));
		for (String key : new String[] { null, "", ADMIN_KEY }) {
			MockHttpServletResponse response = call(authentication, "/api/admin/dead-letters", key, null);
			assertThat(response.getStatus()).isEqualTo(403);
			assertThat(response.getContentAsString()).contains("/problems/admin-api-off")
					.contains("switchboard.admin.api-key");
		}
	}

	@Test
	void theAdminKeyLetsTheNamedAdminInAndRecordsWhereTheCallCameFrom() throws Exception {
		ApiKeyAuthentication authentication = new ApiKeyAuthentication(tenants, json,
				new AdminSettings(Secret.of(ADMIN_KEY), "night-shift"));
		MockHttpServletRequest request = request("/api/admin/dead-letters", ADMIN_KEY, null);
		request.setRemoteAddr("10.1.2.3");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		authentication.doFilter(request, response, chain);
		assertThat(chain.getRequest()).isNotNull();
		assertThat(request.getAttribute(CallingAdmin.ATTRIBUTE)).isEqualTo(new CallingAdmin("night-shift", "10.1.2.3"));
		assertThat(((CallingAdmin) request.getAttribute(CallingAdmin.ATTRIBUTE)).who()).isEqualTo("night-shift@10.1.2.3");
	}

	@Test
	void theAdminKeyCannotActForATenantEvenOneDeclaredWithTheSameKey() throws Exception {
		when(tenants.acceptsApiKey(anyString(), anyString())).thenReturn(true);
		ApiKeyAuthentication authentication = new ApiKeyAuthentication(tenants, json,
				new AdminSettings(Secret.of(ADMIN_KEY), null));
		assertThat(call(authentication, "/api/messages", ADMIN_KEY, "acme").getStatus()).isEqualTo(401);
		assertThat(call(authentication, "/api/messages", "acme-key", "acme").getStatus()).isEqualTo(200);
		assertThat(call(authentication, "/api/admin/dead-letters", "acme-key", "acme").getStatus()).isEqualTo(401);
	}

	@Test
	void theAdminsNameDefaultsToAdmin() {
		assertThat(new AdminSettings(Secret.of(ADMIN_KEY), " ").name()).isEqualTo("admin");
		assertThat(new AdminSettings(Secret.of(" "), null).apiKey()).isNull();
		assertThat(new AdminSettings(Secret.of(ADMIN_KEY), null).toString()).doesNotContain(ADMIN_KEY);
	}

	private static MockHttpServletResponse call(ApiKeyAuthentication authentication, String path, String key,
			String tenant) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		authentication.doFilter(request(path, key, tenant), response, new MockFilterChain());
		return response;
	}

	private static MockHttpServletRequest request(String path, String key, String tenant) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		if (key != null) {
			request.addHeader("Authorization", "Bearer " + key);
		}
		if (tenant != null) {
			request.addHeader("X-Tenant-ID", tenant);
		}
		return request;
	}
}

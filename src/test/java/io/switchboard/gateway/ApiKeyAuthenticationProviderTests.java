package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchboard.gateway.ApiKeyAuthenticationProvider.AdminApiOff;
import io.switchboard.gateway.ApiKeyAuthenticationProvider.ApiKeyRejected;
import io.switchboard.platform.Secret;
import io.switchboard.platform.web.CallingAdmin;
import io.switchboard.platform.web.CallingTenant;
import io.switchboard.tenant.Tenants;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Which key opens which surface; the same over HTTP is in {@link EdgeSecurityIntegrationTests}.
 */
class ApiKeyAuthenticationProviderTests {

	private static final String ADMIN_KEY = "the-admin-key-0123";
	private static final String SCRAPER_KEY = "the-scraper-key-4567";

	private final Tenants tenants = mock(Tenants.class);

	@Test
	void withoutAnAdminKeyConfiguredTheAdminApiIsOffWhateverIsPresented() {
		ApiKeyAuthenticationProvider keys = provider(null, null);
		assertThatThrownBy(() -> keys.authenticate(presented(Surface.ADMIN, ADMIN_KEY, null)))
				.isInstanceOf(AdminApiOff.class).hasMessageContaining("switchboard.admin.api-key");
	}

	@Test
	void theAdminKeyLetsTheNamedAdminInAndRecordsWhereTheCallCameFrom() {
		Authentication admin = provider(ADMIN_KEY, null).authenticate(presented(Surface.ADMIN, ADMIN_KEY, "acme"));
		assertThat(admin.isAuthenticated()).isTrue();
		assertThat(admin.getPrincipal()).isEqualTo(new CallingAdmin("night-shift", "10.1.2.3"));
		assertThat(roles(admin)).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_MANAGEMENT");
		assertThat(admin.getCredentials()).isNull();
	}

	@Test
	void theAdminKeyCannotActForATenantEvenOneDeclaredWithTheSameKeyNorATenantsKeyForTheAdmin() {
		when(tenants.acceptsApiKey(anyString(), anyString())).thenReturn(true);
		ApiKeyAuthenticationProvider keys = provider(ADMIN_KEY, null);
		assertThatThrownBy(() -> keys.authenticate(presented(Surface.TENANT, ADMIN_KEY, "acme")))
				.isInstanceOf(ApiKeyRejected.class).hasMessageContaining("cannot act for a tenant");
		Authentication tenant = keys.authenticate(presented(Surface.TENANT, "acme-key-0123456789", "acme"));
		assertThat(tenant.getPrincipal()).isEqualTo(new CallingTenant("acme"));
		assertThat(roles(tenant)).containsExactly("ROLE_TENANT");
		assertThatThrownBy(() -> keys.authenticate(presented(Surface.ADMIN, "acme-key-0123456789", "acme")))
				.isInstanceOf(ApiKeyRejected.class);
	}

	@Test
	void aTenantCallWithoutXTenantIdOrWithAWrongKeyIsRefused() {
		ApiKeyAuthenticationProvider keys = provider(ADMIN_KEY, null);
		assertThatThrownBy(() -> keys.authenticate(presented(Surface.TENANT, "some-key", null)))
				.hasMessageContaining("X-Tenant-ID");
		assertThatThrownBy(() -> keys.authenticate(presented(Surface.TENANT, "some-key", "acme")))
				.hasMessage("The API key is not valid for this tenant.");
	}

	@Test
	void theManagementKeyOpensTheManagementEndpointsOnly() {
		ApiKeyAuthenticationProvider keys = provider(ADMIN_KEY, SCRAPER_KEY);
		Authentication scraper = keys.authenticate(presented(Surface.MANAGEMENT, SCRAPER_KEY, null));
		assertThat(roles(scraper)).containsExactly("ROLE_MANAGEMENT");
		assertThat(roles(keys.authenticate(presented(Surface.MANAGEMENT, ADMIN_KEY, null))))
				.contains("ROLE_MANAGEMENT");
		assertThatThrownBy(() -> keys.authenticate(presented(Surface.ADMIN, SCRAPER_KEY, null)))
				.isInstanceOf(ApiKeyRejected.class);
		assertThatThrownBy(() -> keys.authenticate(presented(Surface.TENANT, SCRAPER_KEY, "acme")))
				.isInstanceOf(ApiKeyRejected.class);
		assertThatThrownBy(() -> keys.authenticate(presented(Surface.MANAGEMENT, "guess-guess-guess", null)))
				.isInstanceOf(ApiKeyRejected.class);
	}

	@Test
	void keysAreNamedButNeverShownAndShortOnesAreRefused() {
		assertThat(new AdminSettings(Secret.of(ADMIN_KEY), " ").name()).isEqualTo("admin");
		assertThat(new AdminSettings(Secret.of(" "), null).apiKey()).isNull();
		assertThat(new AdminSettings(Secret.of(ADMIN_KEY), null).toString()).doesNotContain(ADMIN_KEY);
		assertThatIllegalArgumentException().isThrownBy(() -> new AdminSettings(Secret.of("short"), null))
				.withMessageContaining("switchboard.admin.api-key").withMessageNotContaining("short,");
		assertThatIllegalArgumentException().isThrownBy(() -> new ManagementSettings(Secret.of("short")))
				.withMessageContaining("switchboard.management.api-key");
		assertThat(presented(Surface.TENANT, "acme-key-0123456789", "acme").toString())
				.doesNotContain("acme-key-0123456789");
	}

	private ApiKeyAuthenticationProvider provider(String adminKey, String scraperKey) {
		return new ApiKeyAuthenticationProvider(tenants,
				new AdminSettings(adminKey == null ? null : Secret.of(adminKey), "night-shift"),
				new ManagementSettings(scraperKey == null ? null : Secret.of(scraperKey)));
	}

	private static ApiKeyAuthenticationToken presented(Surface surface, String key, String tenantId) {
		return ApiKeyAuthenticationToken.presented(surface, Secret.of(key), tenantId, "10.1.2.3");
	}

	private static List<String> roles(Authentication authentication) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}
}

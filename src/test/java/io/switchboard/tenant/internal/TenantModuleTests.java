package io.switchboard.tenant.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.harness.ModuleDatabase;
import io.switchboard.platform.Secret;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tenant module alone, on a real PostgreSQL: declared tenants' secrets are stored encrypted, read back intact,
 * and a stored secret that was tampered with or sealed under another key is refused, naming the credential and
 * never showing a secret.
 */
@ApplicationModuleTest
class TenantModuleTests {

	private static final String ACCESS_TOKEN = "ocean-access-token-5f2a9c";
	private static final String T = "switchboard.tenants[0].";
	private static final String KEY = randomKey();

	@Autowired
	Tenants tenants;

	@Autowired
	JdbcTenants stored;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void declared(DynamicPropertyRegistry registry) {
		ModuleDatabase.register(registry);
		registry.add("switchboard.encryption-key", () -> KEY);
		registry.add(T + "id", () -> "ocean");
		registry.add(T + "api-key", () -> "ocean-api-key-0c1d2e3f");
		registry.add(T + "whatsapp.phone-number-id", () -> "100000000000071");
		registry.add(T + "whatsapp.access-token", () -> ACCESS_TOKEN);
		registry.add(T + "whatsapp.app-secret", () -> "ocean-app-secret-71a2b3c4d5");
		registry.add(T + "whatsapp.verify-token", () -> "ocean-verify-token-7c1e");
		registry.add(T + "genesys.region", () -> "mypurecloud.de");
		registry.add(T + "genesys.client-id", () -> "ocean-client");
		registry.add(T + "genesys.client-secret", () -> "ocean-client-secret");
		registry.add(T + "genesys.integration-id", () -> "e0e0e0e0-7777-4777-8777-777777777777");
		registry.add(T + "genesys.webhook-secret", () -> "ocean-genesys-webhook-secret-777777");
	}

	@AfterEach
	void storeTheDeclarationAgain() {
		stored.afterPropertiesSet();
	}

	@Test
	void secretsAreStoredEncryptedAndReadBackIntact() {
		String credentials = whatsappCredentials();

		assertThat(credentials).doesNotContain(ACCESS_TOKEN).doesNotContain("ocean-app-secret");
		Tenant ocean = tenants.byId("ocean").orElseThrow();
		assertThat(ocean.whatsapp().accessToken().reveal()).isEqualTo(ACCESS_TOKEN);
		assertThat(ocean.whatsapp().accessToken()).hasToString(Secret.of("x").toString());
	}

	@Test
	void aTamperedSecretIsRefusedNamingTheCredential() {
		String sealed = field("accessToken");
		char last = sealed.charAt(sealed.length() - 2);
		setField("accessToken", sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A')
				+ sealed.substring(sealed.length() - 1));

		assertThatThrownBy(stored::reload).hasMessage(
				"credential ocean/whatsapp.accessToken does not decrypt with the configured switchboard.encryption-key")
				.hasMessageNotContaining(ACCESS_TOKEN);
	}

	@Test
	void aSecretSealedUnderAnotherKeyIsRefused() {
		CredentialCipher other = CredentialCipher.withKey(Secret.of(randomKey()));
		setField("accessToken", other.encrypt(Secret.of(ACCESS_TOKEN), "ocean/whatsapp.accessToken"));

		assertThatThrownBy(stored::reload).hasMessageContaining("credential ocean/whatsapp.accessToken does not "
				+ "decrypt").hasMessageNotContaining(ACCESS_TOKEN);
	}

	@Test
	void aSecretMovedToAnotherFieldDoesNotOpenThere() {
		setField("verifyToken", field("accessToken"));

		assertThatThrownBy(stored::reload).hasMessageContaining("credential ocean/whatsapp.verifyToken");
	}

	private String whatsappCredentials() {
		return jdbc.sql("select credentials::text from tenant_credentials where tenant_id = 'ocean' and "
				+ "credential_type = 'whatsapp'").query(String.class).single();
	}

	private String field(String name) {
		return jdbc.sql("select credentials ->> ? from tenant_credentials where tenant_id = 'ocean' and "
				+ "credential_type = 'whatsapp'").param(name).query(String.class).single();
	}

	private void setField(String name, String value) {
		jdbc.sql("update tenant_credentials set credentials = jsonb_set(credentials, ?::text[], to_jsonb(?::text)) "
				+ "where tenant_id = 'ocean' and credential_type = 'whatsapp'").params("{" + name + "}", value)
				.update();
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}
}

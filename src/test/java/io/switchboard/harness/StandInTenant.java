package io.switchboard.harness;

import io.switchboard.platform.Secret;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * A tenant declared on the application's command line, its secrets fresh for every run, its Graph and Genesys base
 * URLs pointing at the stand-ins of the benchmark or the fault test.
 */
public record StandInTenant(String id, String phoneNumberId, Secret appSecret, Secret verifyToken, String integrationId,
		Secret webhookSecret, int messagesPerSecond) {

	public static StandInTenant fresh(String id, int messagesPerSecond) {
		return new StandInTenant(id, "190000000000001", Secret.of(random()), Secret.of(random()),
				"b3c4d5e6-0000-4000-8000-00000000be4c", Secret.of(random()), messagesPerSecond);
	}

	public List<String> arguments(URI graph, URI genesys) {
		String t = "--switchboard.tenants[0].";
		return List.of(t + "id=" + id, t + "name=" + id, t + "api-key=" + random(),
				t + "whatsapp.phone-number-id=" + phoneNumberId, t + "whatsapp.display-phone-number=15550109999",
				t + "whatsapp.waba-id=190000000000099", t + "whatsapp.access-token=" + random(),
				t + "whatsapp.app-secret=" + appSecret.reveal(), t + "whatsapp.verify-token=" + verifyToken.reveal(),
				t + "whatsapp.graph-base-url=" + graph, t + "whatsapp.messages-per-second=" + messagesPerSecond,
				t + "genesys.login-base-url=" + genesys, t + "genesys.api-base-url=" + genesys,
				t + "genesys.client-id=" + id + "-client", t + "genesys.client-secret=" + random(),
				t + "genesys.integration-id=" + integrationId, t + "genesys.webhook-secret=" + webhookSecret.reveal());
	}

	public static String encryptionKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	private static String random() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}

package io.switchboard.auth;

import io.switchboard.platform.Secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a Genesys token for a shared store with AES-256-GCM under a key derived from the tenant's client secret
 * (HMAC-SHA256 of a fixed label): every process holding the secret can open it, a reader of the store cannot, and
 * whoever holds the secret could have requested a token anyway. The tenant id and client fingerprint are bound in as
 * associated data.
 */
final class TokenCipher {

	private static final byte[] LABEL = "switchboard/genesys-token/v1".getBytes(StandardCharsets.UTF_8);
	private static final int IV_BYTES = 12;
	private static final int TAG_BITS = 128;
	private static final SecureRandom RANDOM = new SecureRandom();

	private TokenCipher() {
	}

	static String seal(String token, String tenantId, TokenStore.TokenClient client) {
		try {
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, client, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(context(tenantId, client));
			byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[IV_BYTES + sealed.length];
			System.arraycopy(iv, 0, out, 0, IV_BYTES);
			System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("could not seal a Genesys token of tenant " + tenantId, e);
		}
	}

	/**
	 * @return the token; empty when the value was sealed for another tenant or client, or was altered.
	 */
	static Optional<String> open(String sealed, String tenantId, TokenStore.TokenClient client) {
		try {
			byte[] in = Base64.getDecoder().decode(sealed);
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, client, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
			cipher.updateAAD(context(tenantId, client));
			return Optional.of(new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	private static Cipher cipher(int mode, TokenStore.TokenClient client, GCMParameterSpec iv)
			throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(client.secret().bytes(), "HmacSHA256"));
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(mac.doFinal(LABEL), "AES"), iv);
		return cipher;
	}

	private static byte[] context(String tenantId, TokenStore.TokenClient client) {
		return (tenantId + "/" + client.fingerprint()).getBytes(StandardCharsets.UTF_8);
	}
}

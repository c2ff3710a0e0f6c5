package io.switchboard.tenant.internal;

import io.switchboard.platform.Secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts tenant secrets for storage with AES-256-GCM. A value is stored as {@code v1:<base64(iv | ciphertext |
 * tag)>}; the tenant id and credential name are bound in as associated data, so a value copied to another tenant or
 * field does not decrypt.
 */
final class CredentialCipher {

	private static final String PREFIX = "v1:";
	private static final int IV_BYTES = 12;
	private static final int TAG_BITS = 128;

	private final SecretKey key;
	private final SecureRandom random = new SecureRandom();

	private CredentialCipher(byte[] key) {
		if (key.length != 32) {
			throw new IllegalArgumentException("switchboard.encryption-key must be base64 of exactly 32 bytes, was "
					+ key.length + " bytes");
		}
		this.key = new SecretKeySpec(key, "AES");
	}

	static CredentialCipher withKey(Secret base64Key) {
		try {
			return new CredentialCipher(Base64.getDecoder().decode(base64Key.reveal().strip()));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("switchboard.encryption-key is not valid base64 of 32 bytes");
		}
	}

	/**
	 * A key everyone can derive: good enough to exercise the code path for the sandbox, protects nothing.
	 */
	static CredentialCipher publicSandboxKey() {
		try {
			return new CredentialCipher(MessageDigest.getInstance("SHA-256")
					.digest("switchboard-sandbox-only".getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	String encrypt(Secret secret, String context) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(secret.bytes());
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return PREFIX + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("could not encrypt credential " + context, e);
		}
	}

	Secret decrypt(String stored, String context) {
		if (!stored.startsWith(PREFIX)) {
			throw new IllegalStateException("credential " + context + " is not encrypted in a known format");
		}
		try {
			byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return Secret.of(new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			throw new IllegalStateException("credential " + context
					+ " does not decrypt with the configured switchboard.encryption-key");
		}
	}
}

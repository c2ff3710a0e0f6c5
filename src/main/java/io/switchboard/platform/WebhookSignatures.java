package io.switchboard.platform;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Hub-Signature-256} headers: {@code sha256=} followed by the HMAC-SHA256 of the raw body, hex encoded
 * (Meta) or base64 encoded (Genesys). Comparison runs in constant time over the decoded digest.
 */
public final class WebhookSignatures {

	private static final String PREFIX = "sha256=";

	private WebhookSignatures() {}

	/**
	 * @return whether {@code header} is {@code sha256=<lowercase hex>} of the HMAC of {@code body} under {@code secret}.
	 */
	public static boolean matchesHex(byte[] body, String header, Secret secret) {
		byte[] presented = decode(header, true);
		return presented != null && MessageDigest.isEqual(hmac(body, secret), presented);
	}

	/**
	 * @return whether {@code header} is {@code sha256=<base64>} of the HMAC of {@code body} under {@code secret}.
	 */
	public static boolean matchesBase64(byte[] body, String header, Secret secret) {
		byte[] presented = decode(header, false);
		return presented != null && MessageDigest.isEqual(hmac(body, secret), presented);
	}

	/**
	 * @return {@code sha256=<lowercase hex>} for the body, as Meta signs it.
	 */
	public static String signHex(byte[] body, Secret secret) {
		return PREFIX + HexFormat.of().formatHex(hmac(body, secret));
	}

	/**
	 * @return {@code sha256=<base64>} for the body, as Genesys signs it.
	 */
	public static String signBase64(byte[] body, Secret secret) {
		return PREFIX + Base64.getEncoder().encodeToString(hmac(body, secret));
	}

	private static byte[] decode(String header, boolean hex) {
		if (header == null || !header.startsWith(PREFIX)) {
			return null;
		}
		String digest = header.substring(PREFIX.length()).strip();
		try {
			if (hex) {
				return digest.length() == 64 && digest.chars().allMatch(c -> Character.digit(c, 16) >= 0
						&& !Character.isUpperCase(c)) ? HexFormat.of().parseHex(digest) : null;
			}
			return Base64.getDecoder().decode(digest);
		}
		catch (IllegalArgumentException malformed) {
			return null;
		}
	}

	private static byte[] hmac(byte[] body, Secret secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("HmacSHA256 is not available", e);
		}
	}
}

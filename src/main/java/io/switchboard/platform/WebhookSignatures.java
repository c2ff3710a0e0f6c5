package io.switchboard.platform;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Checks {@code X-Hub-Signature-256} headers: {@code sha256=} followed by the HMAC-SHA256 of the raw body, hex encoded
 * (Meta) or base64 encoded (Genesys). Comparison runs in constant time over the decoded digest. A header is decoded
 * on its own ({@link #hexDigest}, {@link #base64Digest}) so that a request without a well-formed one can be refused
 * before its body is read. {@link Mac} instances are pooled and used by one thread at a time.
 */
public final class WebhookSignatures {

	private static final String PREFIX = "sha256=";
	private static final String ALGORITHM = "HmacSHA256";
	private static final ArrayBlockingQueue<Mac> POOL = new ArrayBlockingQueue<>(64);

	private WebhookSignatures() {}

	/**
	 * @return whether {@code header} is {@code sha256=<lowercase hex>} of the HMAC of {@code body} under {@code secret}.
	 */
	public static boolean matchesHex(byte[] body, @Nullable String header, Secret secret) {
		byte[] presented = hexDigest(header);
		return presented != null && matches(body, presented, secret);
	}

	/**
	 * @return whether {@code header} is {@code sha256=<base64>} of the HMAC of {@code body} under {@code secret}.
	 */
	public static boolean matchesBase64(byte[] body, @Nullable String header, Secret secret) {
		byte[] presented = base64Digest(header);
		return presented != null && matches(body, presented, secret);
	}

	/**
	 * @return the digest of a {@code sha256=<64 lowercase hex digits>} header, or {@literal null} if the header is
	 *         missing or not of that form.
	 */
	public static byte @Nullable [] hexDigest(@Nullable String header) {
		String digest = digestPart(header);
		if (digest == null || digest.length() != 64
				|| !digest.chars().allMatch(c -> Character.digit(c, 16) >= 0 && !Character.isUpperCase(c))) {
			return null;
		}
		return HexFormat.of().parseHex(digest);
	}

	/**
	 * @return the digest of a {@code sha256=<base64>} header, or {@literal null} if the header is missing or not of
	 *         that form.
	 */
	public static byte @Nullable [] base64Digest(@Nullable String header) {
		String digest = digestPart(header);
		if (digest == null) {
			return null;
		}
		try {
			return Base64.getDecoder().decode(digest);
		}
		catch (IllegalArgumentException malformed) {
			return null;
		}
	}

	/**
	 * Computes one HMAC of the body and compares it with the presented digest in constant time.
	 */
	public static boolean matches(byte[] body, byte[] presented, Secret secret) {
		return MessageDigest.isEqual(hmac(body, secret), presented);
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

	private static @Nullable String digestPart(@Nullable String header) {
		if (header == null || !header.startsWith(PREFIX)) {
			return null;
		}
		return header.substring(PREFIX.length()).strip();
	}

	private static byte[] hmac(byte[] body, Secret secret) {
		Mac mac = POOL.poll();
		try {
			if (mac == null) {
				mac = Mac.getInstance(ALGORITHM);
			}
			mac.init(new SecretKeySpec(secret.bytes(), ALGORITHM));
			byte[] digest = mac.doFinal(body);
			mac.init(new SecretKeySpec(new byte[] { 0 }, ALGORITHM));
			POOL.offer(mac);
			return digest;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException(ALGORITHM + " is not available", e);
		}
	}
}

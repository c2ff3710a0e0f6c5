package io.switchboard.media.store;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.switchboard.media.MediaKey;

import org.jspecify.annotations.Nullable;

/**
 * Signs and checks the filesystem store's links: {@code <public-base-url>/media/<bucket>/<tenant>/<sha256>
 * ?expires=<epoch-seconds>&signature=<base64url HMAC-SHA256 of the path, a line feed and the expiry>}.
 */
final class LinkSigner {

	/** The path every link starts with. */
	static final String ROUTE = "/media/";

	private static final String ALGORITHM = "HmacSHA256";

	/** What a presented link is. */
	enum Verdict {
		/** Signed by this key and not yet expired. */
		VALID,
		/** Not signed by this key, or not a link at all. */
		INVALID,
		/** Signed by this key, but its expiry has passed. */
		EXPIRED
	}

	private final SecretKeySpec key;
	private final String publicBaseUrl;
	private final Clock clock;

	/**
	 * @param key the signing key's bytes.
	 * @param publicBaseUrl the base URL links start with; a trailing {@code /} is ignored.
	 */
	LinkSigner(byte[] key, URI publicBaseUrl, Clock clock) {
		this.key = new SecretKeySpec(key, ALGORITHM);
		String base = publicBaseUrl.toString();
		this.publicBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.clock = clock;
	}

	URI link(MediaKey media, Duration lifetime) {
		String path = ROUTE + media.path();
		long expires = clock.instant().plus(lifetime).getEpochSecond();
		return URI.create(publicBaseUrl + path + "?expires=" + expires + "&signature=" + sign(path, expires));
	}

	/**
	 * @param path the request's path, e.g. {@code /media/media-inbound/acme/<sha256>}.
	 */
	Verdict verify(String path, @Nullable String expires, @Nullable String signature) {
		if (expires == null || signature == null || !expires.matches("[0-9]{1,18}")) {
			return Verdict.INVALID;
		}
		byte[] presented;
		try {
			presented = Base64.getUrlDecoder().decode(signature);
		}
		catch (IllegalArgumentException e) {
			return Verdict.INVALID;
		}
		long expiry = Long.parseLong(expires);
		if (!MessageDigest.isEqual(mac(path, expiry), presented)) {
			return Verdict.INVALID;
		}
		return clock.instant().getEpochSecond() > expiry ? Verdict.EXPIRED : Verdict.VALID;
	}

	private String sign(String path, long expires) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(path, expires));
	}

	private byte[] mac(String path, long expires) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal((path + "\n" + expires).getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("every JVM has " + ALGORITHM, e);
		}
	}
}

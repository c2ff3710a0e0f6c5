package io.switchboard.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The media phase's document: {@code size} bytes made of one 64 KiB block of seeded random bytes written over and
 * over, so that neither the stand-in nor the harness holds the file whole; its SHA-256 is computed once by streaming
 * the same bytes through a digest.
 *
 * @param mediaId its WhatsApp media id.
 * @param sha256 its SHA-256 digest.
 */
record Document(String mediaId, String filename, String mimeType, long size, byte[] block, byte[] sha256) {

	private static final int BLOCK = 64 * 1024;

	static Document generate(String mediaId, String filename, String mimeType, long size, long seed) {
		byte[] block = new byte[BLOCK];
		new SplittableRandom(seed).nextBytes(block);
		MessageDigest digest = newDigest();
		for (long written = 0; written < size; written += BLOCK) {
			digest.update(block, 0, (int) Math.min(BLOCK, size - written));
		}
		return new Document(mediaId, filename, mimeType, size, block, digest.digest());
	}

	/**
	 * Writes the document's bytes, block after block.
	 */
	void writeTo(OutputStream out) throws IOException {
		for (long written = 0; written < size; written += BLOCK) {
			out.write(block, 0, (int) Math.min(BLOCK, size - written));
		}
	}

	/** @return the digest in lower-case hex, as {@code GET /{media-id}} gives it. */
	String sha256Hex() {
		return HexFormat.of().formatHex(sha256);
	}

	/** @return the digest in base64, as the webhook gives it. */
	String sha256Base64() {
		return Base64.getEncoder().encodeToString(sha256);
	}

	static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}

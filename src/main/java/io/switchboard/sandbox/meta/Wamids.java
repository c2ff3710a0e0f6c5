package io.switchboard.sandbox.meta;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ids shaped like Meta's. A wamid is {@code wamid.} and the base64 of a small binary record holding the customer's
 * number and random uppercase hex: 32 characters for messages customers send, 18 for messages businesses send (see
 * the conformance corpus). Sends to a BSUID carry {@code 000000000000} where the number would be.
 */
final class Wamids {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final char[] TRACE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

	private Wamids() {}

	/**
	 * @return a wamid for a message the customer {@code from} sends.
	 */
	static String inbound(String from) {
		return wamid(from, new byte[] { 0x12, 0x18, 0x20 }, 16);
	}

	/**
	 * @param to the customer's number, or their BSUID.
	 * @return a wamid for a message the business sends.
	 */
	static String outbound(String to) {
		return wamid(to.chars().allMatch(Character::isDigit) ? to : "000000000000", new byte[] { 0x11, 0x18, 0x12 },
				9);
	}

	/**
	 * @return an {@code fbtrace_id} like the ones Graph API errors carry.
	 */
	static String fbtraceId() {
		StringBuilder id = new StringBuilder(23);
		for (int i = 0; i < 23; i++) {
			id.append(TRACE[RANDOM.nextInt(TRACE.length)]);
		}
		return id.toString();
	}

	/**
	 * @return {@code bytes} random bytes as lowercase hex.
	 */
	static String hex(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	private static String wamid(String number, byte[] marker, int randomBytes) {
		byte[] id = new byte[randomBytes];
		RANDOM.nextBytes(id);
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		raw.writeBytes(new byte[] { 0x1c, 0x18, (byte) number.length() });
		raw.writeBytes(number.getBytes(StandardCharsets.US_ASCII));
		raw.writeBytes(new byte[] { 0x15, 0x02, 0x00 });
		raw.writeBytes(marker);
		raw.writeBytes(HexFormat.of().withUpperCase().formatHex(id).getBytes(StandardCharsets.US_ASCII));
		raw.write(0x00);
		return "wamid." + Base64.getEncoder().encodeToString(raw.toByteArray());
	}
}

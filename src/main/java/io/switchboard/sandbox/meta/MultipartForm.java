package io.switchboard.sandbox.meta;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A {@code multipart/form-data} body (RFC 7578) taken apart, for the simulated Graph API's upload endpoint. The
 * application switches Spring's multipart handling off, and the simulator keeps uploads in memory anyway, so the body
 * is read whole and split here.
 */
final class MultipartForm {

	private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
	private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
	private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");

	/**
	 * One part.
	 *
	 * @param name its form field name.
	 * @param filename the file name, for file parts.
	 * @param contentType its {@code Content-Type}, if given.
	 * @param content its bytes.
	 */
	record Part(String name, @Nullable String filename, @Nullable String contentType, byte[] content) {

		String text() {
			return new String(content, StandardCharsets.UTF_8);
		}
	}

	private MultipartForm() {}

	/**
	 * @return the parts by name (the first of each name).
	 * @throws IllegalArgumentException if the body is not multipart/form-data.
	 */
	static Map<String, Part> parse(@Nullable String contentType, byte @Nullable [] body) {
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
			throw new IllegalArgumentException("the request must be multipart/form-data");
		}
		Matcher boundaryMatch = BOUNDARY.matcher(contentType);
		if (!boundaryMatch.find()) {
			throw new IllegalArgumentException("the multipart/form-data content type has no boundary");
		}
		String boundary = boundaryMatch.group(2) != null ? boundaryMatch.group(2) : boundaryMatch.group(3);
		byte[] data = body == null ? new byte[0] : body;
		byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		Map<String, Part> parts = new LinkedHashMap<>();
		int position = indexOf(data, delimiter, 0);
		if (position < 0) {
			throw new IllegalArgumentException("the body does not contain the multipart boundary");
		}
		while (true) {
			int start = position + delimiter.length;
			if (start + 1 < data.length && data[start] == '-' && data[start + 1] == '-') {
				break;
			}
			start = skipLineBreak(data, start);
			int headersEnd = indexOf(data, new byte[] { '\r', '\n', '\r', '\n' }, start);
			if (headersEnd < 0) {
				throw new IllegalArgumentException("a multipart part has no end of headers");
			}
			String headers = new String(data, start, headersEnd - start, StandardCharsets.UTF_8);
			int contentStart = headersEnd + 4;
			byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
			int contentEnd = indexOf(data, next, contentStart);
			if (contentEnd < 0) {
				throw new IllegalArgumentException("a multipart part is not closed by the boundary");
			}
			Part part = part(headers, Arrays.copyOfRange(data, contentStart, contentEnd));
			if (part != null) {
				parts.putIfAbsent(part.name(), part);
			}
			position = contentEnd + 2;
		}
		return parts;
	}

	private static @Nullable Part part(String headers, byte[] content) {
		String disposition = null;
		String type = null;
		for (String line : headers.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).strip();
			if (header.equals("content-disposition")) {
				disposition = value;
			}
			else if (header.equals("content-type")) {
				type = value;
			}
		}
		if (disposition == null) {
			return null;
		}
		Matcher name = NAME.matcher(disposition);
		if (!name.find()) {
			return null;
		}
		Matcher filename = FILENAME.matcher(disposition);
		return new Part(name.group(1), filename.find() ? filename.group(1) : null, type, content);
	}

	private static int skipLineBreak(byte[] data, int at) {
		if (at + 1 < data.length && data[at] == '\r' && data[at + 1] == '\n') {
			return at + 2;
		}
		return at < data.length && data[at] == '\n' ? at + 1 : at;
	}

	private static int indexOf(byte[] data, byte[] pattern, int from) {
		outer:
		for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}
}

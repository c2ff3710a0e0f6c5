package io.switchboard.sandbox.genesys;

import io.switchboard.sandbox.SandboxUrls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * The simulated Genesys Cloud's files: attachments of customer messages, which it fetches from the URL it is given,
 * without credentials, as Genesys does (at most {@value #MAX_BYTES} bytes, Genesys's 25 MB), and files agents attach,
 * served at short-lived download URLs ({@value #AGENT_URL_MINUTES} minutes) of the simulator's own. Kept in memory:
 * the newest {@value #MAX_ITEMS}, at most {@value #MAX_TOTAL_BYTES} bytes in all.
 */
@Component
class GenesysMedia {

	static final long MAX_BYTES = 25L * 1024 * 1024;
	static final int MAX_ITEMS = 1_000;
	static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;
	static final int AGENT_URL_MINUTES = 10;
	static final String DOWNLOAD_PATH = "/sandbox/genesys/api/api/v2/downloads/";
	static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * A file the simulator keeps.
	 *
	 * @param id its download id.
	 * @param mediaType {@code Image}, {@code Video}, {@code Audio} or {@code File}.
	 * @param mime its MIME type.
	 * @param filename its name, if known.
	 * @param contentSizeBytes its size.
	 * @param sha256 lowercase hex SHA-256.
	 * @param url where the simulator serves it.
	 * @param expiresAt when the URL stops working; never for customers' attachments.
	 * @param sourceUrl the URL it was fetched from, for customers' attachments.
	 * @param bytes the content (not shown).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Item(String id, String mediaType, String mime, @Nullable String filename, long contentSizeBytes,
			String sha256, String url, @Nullable Instant expiresAt, @Nullable String sourceUrl,
			@JsonIgnore byte[] bytes) {}

	private final Map<String, Item> items = new LinkedHashMap<>();
	private final SandboxUrls urls;
	private final Clock clock;
	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(5)).build();
	private long total;

	@Autowired
	GenesysMedia(SandboxUrls urls) {
		this(urls, Clock.systemUTC());
	}

	GenesysMedia(SandboxUrls urls, Clock clock) {
		this.urls = urls;
		this.clock = clock;
	}

	/**
	 * Fetches every attachment of a valid inbound message, without credentials, and checks it as Genesys does:
	 * reachable (2xx), at most 25 MB ({@code InvalidMediaContentLength}), of a MIME type its {@code mediaType} takes
	 * ({@code MediaTypeNotAllowed}). {@code Link} attachments are not fetched.
	 *
	 * @param warnings receives what Genesys would tolerate, e.g. a {@code Content-Type} other than the declared mime.
	 * @return the files kept.
	 * @throws GenesysError if an attachment cannot be fetched or is refused.
	 */
	List<Item> fetch(JsonNode message, List<String> warnings) {
		List<Item> fetched = new ArrayList<>();
		JsonNode content = message.path("content");
		for (int i = 0; i < content.size(); i++) {
			JsonNode attachment = content.get(i).path("attachment");
			String path = "content[" + i + "].attachment";
			String mediaType = attachment.path("mediaType").asString();
			if (mediaType.equals("Link")) {
				continue;
			}
			String mime = attachment.path("mime").asString();
			if (!allows(mediaType, mime)) {
				throw GenesysError.media("MediaTypeNotAllowed", path + ".mime " + mime + " is not allowed for mediaType "
						+ mediaType);
			}
			String url = attachment.path("url").asString();
			byte[] bytes;
			String served;
			try {
				HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
						.timeout(FETCH_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
				try (InputStream body = response.body()) {
					if (response.statusCode() / 100 != 2) {
						throw GenesysError.media("GeneralError", "Unable to fetch " + path + ".url: HTTP "
								+ response.statusCode());
					}
					long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
					if (declared > MAX_BYTES) {
						throw tooLarge(path, declared);
					}
					served = response.headers().firstValue("Content-Type").orElse("");
					bytes = body.readNBytes((int) MAX_BYTES + 1);
				}
			}
			catch (IOException | IllegalArgumentException e) {
				throw GenesysError.media("GeneralError", "Unable to fetch " + path + ".url: "
						+ e.getClass().getSimpleName());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw GenesysError.media("GeneralError", "Unable to fetch " + path + ".url: interrupted");
			}
			if (bytes.length > MAX_BYTES) {
				throw tooLarge(path, bytes.length);
			}
			if (!base(served).equals(base(mime))) {
				warnings.add(path + ".url was served as '" + served + "' but mime says " + mime);
			}
			String sha256 = sha256(bytes);
			String declaredSha = attachment.path("sha256").asString("");
			if (!declaredSha.isEmpty() && !declaredSha.equalsIgnoreCase(sha256)) {
				warnings.add(path + ".sha256 " + declaredSha + " is not the SHA-256 of the fetched file (" + sha256
						+ ")");
			}
			fetched.add(store(mediaType, mime, attachment.path("filename").asString(null), bytes, null, url));
		}
		return List.copyOf(fetched);
	}

	/**
	 * Keeps a file an agent attaches, served for {@value #AGENT_URL_MINUTES} minutes.
	 *
	 * @throws IllegalArgumentException if it is empty or over 25 MB.
	 */
	Item agentFile(@Nullable String mime, @Nullable String filename, byte[] bytes) {
		if (bytes.length == 0) {
			throw new IllegalArgumentException("the file is empty");
		}
		if (bytes.length > MAX_BYTES) {
			throw new IllegalArgumentException("Genesys Cloud takes attachments of at most 25 MB");
		}
		String type = mime == null || mime.isBlank() ? "application/octet-stream" : mime.strip();
		return store(mediaTypeOf(type), type, filename == null || filename.isBlank() ? null : filename.strip(), bytes,
				clock.instant().plus(Duration.ofMinutes(AGENT_URL_MINUTES)), null);
	}

	/**
	 * @return the file, if it exists and its URL has not expired.
	 */
	synchronized Optional<Item> download(String id) {
		Item item = items.get(id);
		if (item == null || (item.expiresAt() != null && !item.expiresAt().isAfter(clock.instant()))) {
			return Optional.empty();
		}
		return Optional.of(item);
	}

	synchronized void clear() {
		items.clear();
		total = 0;
	}

	/**
	 * @return Genesys's mediaType for a MIME type.
	 */
	static String mediaTypeOf(String mime) {
		String base = base(mime);
		return base.startsWith("image/") ? "Image" : base.startsWith("video/") ? "Video"
				: base.startsWith("audio/") ? "Audio" : "File";
	}

	private static boolean allows(String mediaType, String mime) {
		String base = base(mime);
		return switch (mediaType) {
			case "Image" -> base.startsWith("image/");
			case "Video" -> base.startsWith("video/");
			case "Audio" -> base.startsWith("audio/");
			default -> base.contains("/");
		};
	}

	private synchronized Item store(String mediaType, String mime, @Nullable String filename, byte[] bytes,
			@Nullable Instant expiresAt, @Nullable String sourceUrl) {
		String id = UUID.randomUUID().toString().replace("-", "");
		Item item = new Item(id, mediaType, mime, filename, bytes.length, sha256(bytes),
				urls.resolve(DOWNLOAD_PATH + id).toString(), expiresAt, sourceUrl, bytes);
		items.put(id, item);
		total += bytes.length;
		while (items.size() > MAX_ITEMS || (total > MAX_TOTAL_BYTES && items.size() > 1)) {
			total -= items.remove(items.keySet().iterator().next()).bytes().length;
		}
		return item;
	}

	private static GenesysError tooLarge(String path, long size) {
		return GenesysError.media("InvalidMediaContentLength", path + " is " + size + " bytes; attachments may be at "
				+ "most " + MAX_BYTES + " bytes (25 MB)");
	}

	private static String base(@Nullable String mime) {
		if (mime == null) {
			return "";
		}
		int semicolon = mime.indexOf(';');
		return (semicolon < 0 ? mime : mime.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}

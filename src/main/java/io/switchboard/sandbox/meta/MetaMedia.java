package io.switchboard.sandbox.meta;

import io.switchboard.sandbox.SandboxSettings;
import io.switchboard.sandbox.SandboxUrls;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The simulated Meta's media: files customers sent and files businesses uploaded or sent by link, each under a media
 * id of the number it belongs to, kept in memory (the newest {@value #MAX_ITEMS}, at most {@value #MAX_BYTES} bytes
 * in all), and the download URLs handed out for them, which work for {@link SandboxSettings#metaMediaUrlLifetime()}
 * (5 minutes, as Meta's) and only with the owning tenant's token (checked by the caller).
 */
@Component
class MetaMedia {

	static final int MAX_ITEMS = 1_000;
	static final long MAX_BYTES = 512L * 1024 * 1024;
	static final String DOWNLOAD_PATH = "/sandbox/meta/lookaside/whatsapp_business/attachments/";

	private static final long MB = 1024L * 1024;
	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * A kind of WhatsApp media with its MIME types and size limit (Meta's table of supported media).
	 */
	enum Kind {
		AUDIO("audio", 16 * MB, "audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"),
		DOCUMENT("document", 100 * MB, "text/plain", "application/pdf", "application/msword",
				"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-powerpoint",
				"application/vnd.openxmlformats-officedocument.presentationml.presentation"),
		IMAGE("image", 5 * MB, "image/jpeg", "image/png"),
		STICKER("sticker", 500 * 1024, "image/webp"),
		VIDEO("video", 16 * MB, "video/mp4", "video/3gpp");

		final String type;
		final long maxBytes;
		final List<String> mimes;

		Kind(String type, long maxBytes, String... mimes) {
			this.type = type;
			this.maxBytes = maxBytes;
			this.mimes = List.of(mimes);
		}

		/**
		 * @return the kind a MIME type (parameters ignored) belongs to, if WhatsApp supports it.
		 */
		static Optional<Kind> of(@Nullable String mime) {
			String base = base(mime);
			for (Kind kind : values()) {
				if (kind.mimes.contains(base)) {
					return Optional.of(kind);
				}
			}
			return Optional.empty();
		}

		/**
		 * @return the kind of a message type ({@code image}, ...), if it is a media type.
		 */
		static Optional<Kind> ofType(String type) {
			for (Kind kind : values()) {
				if (kind.type.equals(type)) {
					return Optional.of(kind);
				}
			}
			return Optional.empty();
		}

		static List<String> allMimes() {
			return java.util.Arrays.stream(values()).flatMap(k -> k.mimes.stream()).toList();
		}

		String limit() {
			return maxBytes % MB == 0 ? maxBytes / MB + " MB" : maxBytes / 1024 + " KB";
		}
	}

	/**
	 * A stored file.
	 *
	 * @param id the media id.
	 * @param phoneNumberId the business number it belongs to.
	 * @param mime its MIME type as given.
	 * @param filename its name, if known.
	 * @param bytes the content.
	 * @param sha256 lowercase hex SHA-256 of the content.
	 * @param createdAt when it was stored.
	 */
	record Item(String id, String phoneNumberId, String mime, @Nullable String filename, byte[] bytes, String sha256,
			Instant createdAt) {

		/**
		 * @return the SHA-256 as webhooks carry it: base64.
		 */
		String sha256Base64() {
			return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256));
		}
	}

	/**
	 * A download URL handed out.
	 *
	 * @param url the URL.
	 * @param expiresAt when it stops working.
	 */
	record Link(URI url, Instant expiresAt) {}

	private record Issued(String mediaId, Instant expiresAt) {}

	private final Map<String, Item> items = new LinkedHashMap<>();
	private final Map<String, Issued> links = new LinkedHashMap<>();
	private final SandboxUrls urls;
	private final Duration lifetime;
	private final Clock clock;
	private long bytes;

	@Autowired
	MetaMedia(SandboxUrls urls, SandboxSettings settings) {
		this(urls, settings.metaMediaUrlLifetime(), Clock.systemUTC());
	}

	MetaMedia(SandboxUrls urls, Duration lifetime, Clock clock) {
		this.urls = urls;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * Stores a file under a new media id, forgetting the oldest ones beyond the bounds.
	 */
	synchronized Item add(String phoneNumberId, String mime, @Nullable String filename, byte[] content) {
		String id;
		do {
			id = "9" + String.format(Locale.ROOT, "%015d", RANDOM.nextLong(1_000_000_000_000_000L));
		}
		while (items.containsKey(id));
		return put(id, phoneNumberId, mime, filename, content);
	}

	/**
	 * Stores a file under a given media id (a fixture: a customer's file whose id a test's webhook names), replacing
	 * what that id held.
	 */
	synchronized Item put(String id, String phoneNumberId, String mime, @Nullable String filename, byte[] content) {
		Item replaced = items.remove(id);
		if (replaced != null) {
			bytes -= replaced.bytes().length;
		}
		Item item = new Item(id, phoneNumberId, mime, filename, content, sha256(content), clock.instant());
		items.put(id, item);
		bytes += content.length;
		while (items.size() > MAX_ITEMS || (bytes > MAX_BYTES && items.size() > 1)) {
			Item eldest = items.remove(items.keySet().iterator().next());
			bytes -= eldest.bytes().length;
		}
		return item;
	}

	synchronized Optional<Item> find(String id) {
		return Optional.ofNullable(items.get(id));
	}

	synchronized boolean delete(String id) {
		Item removed = items.remove(id);
		if (removed != null) {
			bytes -= removed.bytes().length;
		}
		return removed != null;
	}

	/**
	 * @return a new download URL for the item, working for the configured lifetime.
	 */
	synchronized Link issue(Item item) {
		Instant expiresAt = clock.instant().plus(lifetime);
		String hash = token();
		links.put(hash, new Issued(item.id(), expiresAt));
		while (links.size() > 10 * MAX_ITEMS) {
			links.remove(links.keySet().iterator().next());
		}
		URI url = urls.resolve(DOWNLOAD_PATH + "?mid=" + item.id() + "&ext=" + expiresAt.getEpochSecond() + "&hash="
				+ hash);
		return new Link(url, expiresAt);
	}

	/**
	 * @return the item a download URL names, if the URL was issued, has not expired and the item still exists.
	 */
	synchronized Optional<Item> download(@Nullable String mediaId, @Nullable String hash) {
		Issued issued = hash == null ? null : links.get(hash);
		if (issued == null || !issued.mediaId().equals(mediaId) || !issued.expiresAt().isAfter(clock.instant())) {
			return Optional.empty();
		}
		return Optional.ofNullable(items.get(issued.mediaId()));
	}

	/**
	 * Makes every download URL issued so far stop working, as if its five minutes were over.
	 *
	 * @return how many URLs were still working.
	 */
	synchronized int expireLinks() {
		Instant now = clock.instant();
		int live = (int) links.values().stream().filter(l -> l.expiresAt().isAfter(now)).count();
		links.clear();
		return live;
	}

	synchronized void clear() {
		items.clear();
		links.clear();
		bytes = 0;
	}

	static String base(@Nullable String mime) {
		if (mime == null) {
			return "";
		}
		int semicolon = mime.indexOf(';');
		return (semicolon < 0 ? mime : mime.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String token() {
		byte[] random = new byte[18];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}
}

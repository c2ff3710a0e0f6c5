package io.switchboard.whatsapp;

import io.switchboard.conversation.CustomerChannel.MediaLimit;
import io.switchboard.conversation.CustomerMessage.MediaKind;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The files the Cloud API takes from a business, per kind (Meta's table: types and sizes), and the small
 * translations media need. Pure functions.
 */
public final class WhatsAppMedia {

	private static final long MB = 1024L * 1024L;

	/** What WhatsApp takes, per kind. */
	public static final Map<MediaKind, MediaLimit> LIMITS = Map.of(
			MediaKind.AUDIO, new MediaLimit(16 * MB,
					Set.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg")),
			MediaKind.DOCUMENT, new MediaLimit(100 * MB, Set.of("text/plain", "application/pdf", "application/msword",
					"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
					"application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					"application/vnd.ms-powerpoint",
					"application/vnd.openxmlformats-officedocument.presentationml.presentation")),
			MediaKind.IMAGE, new MediaLimit(5 * MB, Set.of("image/jpeg", "image/png")),
			MediaKind.STICKER, new MediaLimit(500 * 1024L, Set.of("image/webp")),
			MediaKind.VIDEO, new MediaLimit(16 * MB, Set.of("video/mp4", "video/3gpp")));

	private WhatsAppMedia() {}

	/**
	 * @return the Cloud API's name for a kind of file ({@code image}, {@code document}, ...).
	 */
	public static String type(MediaKind kind) {
		return kind.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @param contentType the file's type as detected from its bytes, parameters allowed.
	 * @return why WhatsApp would not take the file as that kind, if it would not.
	 */
	public static Optional<String> refusal(MediaKind kind, String contentType, long size) {
		MediaLimit limit = LIMITS.get(kind);
		String type = bare(contentType);
		if (limit == null) {
			return Optional.of("WhatsApp does not take a " + type(kind) + " from a business");
		}
		if (!limit.contentTypes().contains(type)) {
			return Optional.of("WhatsApp does not take " + type + " as " + article(kind) + " " + type(kind)
					+ " (it takes " + String.join(", ", limit.contentTypes().stream().sorted().toList()) + ")");
		}
		if (size > limit.maxBytes()) {
			return Optional.of("The " + type(kind) + " has " + size + " bytes; WhatsApp takes at most "
					+ limit.maxBytes());
		}
		return Optional.empty();
	}

	/**
	 * @return a media type without its parameters, lower case ({@code audio/ogg; codecs=opus} → {@code audio/ogg}).
	 */
	public static String bare(String contentType) {
		int semicolon = contentType.indexOf(';');
		return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
	}

	/**
	 * WhatsApp gives a file's SHA-256 in hex from {@code GET /{media-id}} and in base64 in webhooks.
	 *
	 * @return it in lower-case hex, or {@literal null} when absent or neither.
	 */
	public static @Nullable String hexSha256(@Nullable String sha256) {
		if (sha256 == null || sha256.isBlank()) {
			return null;
		}
		String value = sha256.trim();
		if (value.length() == 64 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
			return value.toLowerCase(Locale.ROOT);
		}
		try {
			byte[] digest = Base64.getDecoder().decode(value);
			return digest.length == 32 ? HexFormat.of().formatHex(digest) : null;
		}
		catch (IllegalArgumentException notBase64) {
			return null;
		}
	}

	private static String article(MediaKind kind) {
		return kind == MediaKind.AUDIO || kind == MediaKind.IMAGE ? "an" : "a";
	}
}

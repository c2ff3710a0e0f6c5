package io.switchboard.sandbox.meta;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The media of a media send, as the Cloud API checks it: a media {@code id} must be one of the number's media
 * (100 otherwise) of a type the message type takes (131053 otherwise); a {@code link} is fetched at once, without
 * credentials, and must answer 200 with a supported {@code Content-Type} within the type's size limit (131053
 * otherwise, as Meta reports media it cannot fetch). Either way the media ends up in {@link MetaMedia}, so what was
 * sent can be downloaded.
 */
@Component
class MetaSendMedia {

	static final Duration FETCH_TIMEOUT = Duration.ofSeconds(20);

	private final MetaMedia media;
	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(5)).build();

	MetaSendMedia(MetaMedia media) {
		this.media = media;
	}

	/**
	 * @param content the message's media object ({@code image}, ...), already checked by {@link MetaGraphValidation}.
	 * @return the media id of what is sent.
	 */
	String resolve(String phoneNumberId, String type, JsonNode content) {
		MetaMedia.Kind kind = MetaMedia.Kind.ofType(type).orElseThrow();
		JsonNode id = content.get("id");
		if (id != null && !id.isNull()) {
			MetaMedia.Item item = media.find(id.asString()).filter(i -> i.phoneNumberId().equals(phoneNumberId))
					.orElseThrow(() -> MetaGraphError.invalidParameter("Param " + type + "['id'] " + id.asString()
							+ " is not a valid media id for phone number " + phoneNumberId));
			if (MetaMedia.Kind.of(item.mime()).filter(k -> k == kind).isEmpty()) {
				throw uploadError("Media " + item.id() + " is " + MetaMedia.base(item.mime()) + ", which " + type
						+ " messages do not take; supported: " + String.join(", ", kind.mimes));
			}
			return item.id();
		}
		String link = content.path("link").asString();
		byte[] bytes;
		String mime;
		try {
			HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(link))
					.timeout(FETCH_TIMEOUT).header("User-Agent", "WhatsApp/2.0").GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				if (response.statusCode() != 200) {
					throw uploadError("Unable to download the media from " + link + ": HTTP " + response.statusCode());
				}
				mime = response.headers().firstValue("Content-Type").orElse("");
				if (MetaMedia.Kind.of(mime).filter(k -> k == kind).isEmpty()) {
					throw uploadError("The media at " + link + " has Content-Type '" + mime + "', which " + type
							+ " messages do not take; supported: " + String.join(", ", kind.mimes));
				}
				bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, kind.maxBytes + 1));
			}
		}
		catch (IOException | IllegalArgumentException e) {
			throw uploadError("Unable to download the media from " + link + ": " + e.getClass().getSimpleName());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw uploadError("Unable to download the media from " + link + ": interrupted");
		}
		if (bytes.length > kind.maxBytes) {
			throw uploadError("The media at " + link + " is larger than the " + kind.limit() + " " + type
					+ " messages take");
		}
		if (bytes.length == 0) {
			throw uploadError("The media at " + link + " is empty");
		}
		String filename = Optional.ofNullable(content.get("filename")).filter(JsonNode::isString)
				.map(JsonNode::asString).orElseGet(() -> lastSegment(link));
		return media.add(phoneNumberId, mime, filename, bytes).id();
	}

	static MetaGraphError uploadError(String details) {
		return MetaGraphError.of(131053, null, null, details);
	}

	private static @Nullable String lastSegment(String link) {
		String path = URI.create(link).getPath();
		if (path == null || path.isEmpty() || path.endsWith("/")) {
			return null;
		}
		return path.substring(path.lastIndexOf('/') + 1);
	}
}

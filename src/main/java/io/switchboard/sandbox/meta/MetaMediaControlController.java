package io.switchboard.sandbox.meta;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.web.ProblemType;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox-only controls of the simulated Meta's media, which the real one does not have: a media item's bytes and
 * metadata without a token (what a customer's phone shows, what tests compare), and expiring every download URL at
 * once, so that a client's re-resolve of an expired URL can be exercised. Errors are problem details.
 */
@RestController
@RequestMapping("/sandbox/meta/control/media")
@Tag(name = "Sandbox: WhatsApp Cloud API simulator controls",
		description = "Inspect and script the simulated Graph API")
class MetaMediaControlController {

	/** Where a media item's bytes are served, followed by its id. */
	static final String MEDIA_PATH = "/sandbox/meta/control/media/";

	private final MetaMedia media;

	MetaMediaControlController(MetaMedia media) {
		this.media = media;
	}

	/**
	 * A media item's metadata.
	 *
	 * @param id the media id.
	 * @param phoneNumberId the number it belongs to.
	 * @param mimeType its MIME type.
	 * @param filename its name, if known.
	 * @param sha256 lowercase hex SHA-256.
	 * @param fileSize its size in bytes.
	 * @param createdAt when it was stored.
	 * @param contentUrl where this API serves its bytes.
	 */
	record Info(String id, String phoneNumberId, String mimeType, @Nullable String filename, String sha256,
			long fileSize, Instant createdAt, String contentUrl) {

		static Info of(MetaMedia.Item item) {
			return new Info(item.id(), item.phoneNumberId(), item.mime(), item.filename(), item.sha256(),
					item.bytes().length, item.createdAt(), MEDIA_PATH + item.id() + "/content");
		}
	}

	@Operation(summary = "A media item's metadata")
	@GetMapping("/{mediaId}")
	Info info(@PathVariable String mediaId) {
		return Info.of(find(mediaId));
	}

	@Operation(summary = "A media item's bytes, no token needed (sandbox only)")
	@GetMapping("/{mediaId}/content")
	ResponseEntity<byte[]> content(@PathVariable String mediaId) {
		MetaMedia.Item item = find(mediaId);
		ContentDisposition disposition = ContentDisposition.inline()
				.filename(item.filename() == null ? item.id() : item.filename(), java.nio.charset.StandardCharsets.UTF_8)
				.build();
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(item.mime()))
				.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString()).body(item.bytes());
	}

	@Operation(summary = "Store a file under a media id of your choosing, as if a customer of the number had sent it",
			description = "The body is the file, its Content-Type the file's; for webhooks written by hand (the "
					+ "conformance corpus names its media ids)")
	@PutMapping("/{mediaId}")
	Info put(@PathVariable String mediaId, @RequestParam String phoneNumberId,
			@RequestParam(required = false) @Nullable String filename,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			@RequestBody(required = false) byte @Nullable [] file) {
		return Info.of(media.put(mediaId, phoneNumberId,
				contentType == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : contentType, filename,
				file == null ? new byte[0] : file));
	}

	@Operation(summary = "Make every download URL handed out so far expire now",
			description = "The next download through one of them answers 404, as Meta's after 5 minutes")
	@PostMapping("/expire-urls")
	Map<String, Integer> expireUrls() {
		return Map.of("expired", media.expireLinks());
	}

	private MetaMedia.Item find(String mediaId) {
		return media.find(mediaId).orElseThrow(() -> new MetaControlController.UnknownMessage(
				"No media has the id " + mediaId));
	}

	@ExceptionHandler(MetaControlController.UnknownMessage.class)
	ProblemDetail unknown(MetaControlController.UnknownMessage e) {
		return ProblemType.NOT_FOUND.problem(e.getMessage());
	}
}

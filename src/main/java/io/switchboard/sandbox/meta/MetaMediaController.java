package io.switchboard.sandbox.meta;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.tenant.Tenant;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated Graph API's media endpoints: upload ({@code POST /{version}/{phone-number-id}/media}, multipart
 * {@code file}, {@code type}, {@code messaging_product}, checked against Meta's table of supported types and sizes),
 * retrieve a media id's URL ({@code GET /{version}/{media-id}}), delete ({@code DELETE /{version}/{media-id}}), and
 * the lookaside download the URL points at, which needs the same bearer token (401 without it) and stops working
 * after its lifetime (404, after which a fresh {@code GET /{media-id}} gives a new URL). Errors are Graph's.
 */
@RestController
@Tag(name = "Sandbox: WhatsApp Cloud API simulator", description = "The simulated Graph API the application sends to")
class MetaMediaController {

	private static final Logger log = LoggerFactory.getLogger(MetaMediaController.class);

	private final MetaAccess access;
	private final MetaMedia media;
	private final MetaStats stats;

	MetaMediaController(MetaAccess access, MetaMedia media, MetaStats stats) {
		this.access = access;
		this.media = media;
		this.stats = stats;
	}

	@Operation(summary = "Upload a media file (multipart: file, type, messaging_product=whatsapp) → {\"id\"}")
	@PostMapping("/sandbox/meta/graph/{version}/{phoneNumberId}/media")
	ResponseEntity<byte[]> upload(@PathVariable String version, @PathVariable String phoneNumberId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			@RequestBody(required = false) byte @Nullable [] body) {
		stats.mediaUploads.incrementAndGet();
		access.forNumber(phoneNumberId, authorization);
		Map<String, MultipartForm.Part> form;
		try {
			form = MultipartForm.parse(contentType, body);
		}
		catch (IllegalArgumentException e) {
			throw MetaGraphError.invalidParameter("The request must be multipart/form-data with the parameters file, "
					+ "type and messaging_product: " + e.getMessage());
		}
		MultipartForm.Part product = form.get("messaging_product");
		if (product == null) {
			throw MetaGraphError.invalidParameter("The parameter messaging_product is required.");
		}
		if (!"whatsapp".equals(product.text().strip())) {
			throw MetaGraphError.invalidParameter("Param messaging_product must be whatsapp");
		}
		MultipartForm.Part file = form.get("file");
		if (file == null || file.filename() == null) {
			throw MetaGraphError.invalidParameter("The parameter file is required.");
		}
		MultipartForm.Part typePart = form.get("type");
		String type = typePart == null ? file.contentType() : typePart.text().strip();
		if (type == null || type.isBlank()) {
			throw MetaGraphError.invalidParameter("The parameter type is required.");
		}
		MetaMedia.Kind kind = MetaMedia.Kind.of(type).orElseThrow(() -> MetaGraphError.invalidParameter(
				"Param file must be a file with one of the following types: "
						+ String.join(", ", MetaMedia.Kind.allMimes()) + ". Received file of type '" + type + "'."));
		if (file.content().length == 0) {
			throw MetaSendMedia.uploadError("The file is empty.");
		}
		if (file.content().length > kind.maxBytes) {
			throw MetaSendMedia.uploadError("Media file size too big. Max file size we currently support for "
					+ kind.type + ": " + kind.limit() + ". Received " + file.content().length + " bytes.");
		}
		MetaMedia.Item item = media.add(phoneNumberId, type, file.filename(), file.content());
		log.debug("Meta simulator: {} bytes of {} uploaded to number {} as media {}", file.content().length, type,
				phoneNumberId, item.id());
		return ok(JsonNodeFactory.instance.objectNode().put("id", item.id()));
	}

	@Operation(summary = "Retrieve a media id's download URL, MIME type, sha256 (hex) and size")
	@GetMapping("/sandbox/meta/graph/{version}/{mediaId}")
	ResponseEntity<byte[]> retrieve(@PathVariable String version, @PathVariable String mediaId,
			@RequestParam(name = "phone_number_id", required = false) @Nullable String phoneNumberId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		stats.mediaLookups.incrementAndGet();
		MetaMedia.Item item = owned(mediaId, phoneNumberId, authorization, "get");
		MetaMedia.Link link = media.issue(item);
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		response.put("messaging_product", "whatsapp");
		response.put("url", link.url().toString());
		response.put("mime_type", item.mime());
		response.put("sha256", item.sha256());
		response.put("file_size", item.bytes().length);
		response.put("id", item.id());
		return ok(response);
	}

	@Operation(summary = "Delete a media id")
	@DeleteMapping("/sandbox/meta/graph/{version}/{mediaId}")
	ResponseEntity<byte[]> delete(@PathVariable String version, @PathVariable String mediaId,
			@RequestParam(name = "phone_number_id", required = false) @Nullable String phoneNumberId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		MetaMedia.Item item = owned(mediaId, phoneNumberId, authorization, "delete");
		media.delete(item.id());
		return ok(JsonNodeFactory.instance.objectNode().put("success", true));
	}

	@Operation(summary = "Download media through a URL from GET /{media-id} (needs the same bearer token)")
	@GetMapping(MetaMedia.DOWNLOAD_PATH)
	ResponseEntity<byte[]> download(@RequestParam(required = false) @Nullable String mid,
			@RequestParam(required = false) @Nullable String hash,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		stats.mediaDownloads.incrementAndGet();
		Optional<Tenant> tenant = access.byToken(authorization);
		if (tenant.isEmpty()) {
			return plain(HttpStatus.UNAUTHORIZED, "Unauthorized: the download needs the access token as "
					+ "Authorization: Bearer");
		}
		Optional<MetaMedia.Item> item = media.download(mid, hash)
				.filter(i -> tenant.get().channelAccount(i.phoneNumberId()).isPresent());
		if (item.isEmpty()) {
			stats.mediaDownloadsExpired.incrementAndGet();
			return plain(HttpStatus.NOT_FOUND, "Not Found: the URL has expired or never existed; retrieve the "
					+ "media id again for a new one");
		}
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(item.get().mime()))
				.contentLength(item.get().bytes().length).body(item.get().bytes());
	}

	private MetaMedia.Item owned(String mediaId, @Nullable String phoneNumberId, @Nullable String authorization,
			String verb) {
		Tenant tenant = access.forToken(authorization);
		return media.find(mediaId)
				.filter(i -> tenant.channelAccount(i.phoneNumberId()).isPresent())
				.filter(i -> phoneNumberId == null || phoneNumberId.isBlank() || i.phoneNumberId().equals(phoneNumberId))
				.orElseThrow(() -> new MetaGraphError(400, 100, "GraphMethodException", "Unsupported " + verb
						+ " request. Object with ID '" + mediaId + "' does not exist, cannot be loaded due to missing "
						+ "permissions, or does not support this operation. Please read the Graph API documentation at "
						+ "https://developers.facebook.com/docs/graph-api", null, 33));
	}

	private static ResponseEntity<byte[]> ok(ObjectNode body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
				.header("x-fb-trace-id", Wamids.fbtraceId()).body(MetaJson.bytes(body));
	}

	private static ResponseEntity<byte[]> plain(HttpStatus status, String text) {
		return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN)
				.body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}
}

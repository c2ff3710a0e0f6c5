package io.switchboard.sandbox.genesys;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated Genesys Cloud's downloads: files of customers' attachments as it fetched them, and files agents
 * attached, the latter only while their short-lived URL lasts ({@code 404 not.found} afterwards). No credentials are
 * needed, as for the attachment URLs Genesys puts in its outbound webhooks.
 */
@RestController
@Tag(name = "Sandbox: Genesys Cloud simulator")
class GenesysDownloadController {

	private final GenesysMedia media;

	GenesysDownloadController(GenesysMedia media) {
		this.media = media;
	}

	@Operation(summary = "Download a file of a customer's attachment or one an agent attached")
	@GetMapping(GenesysMedia.DOWNLOAD_PATH + "{id}")
	ResponseEntity<byte[]> download(@PathVariable String id) {
		GenesysMedia.Item item = media.download(id)
				.orElseThrow(() -> GenesysError.notFound("Unable to find a download with id " + id));
		MediaType type;
		try {
			type = MediaType.parseMediaType(item.mime());
		}
		catch (IllegalArgumentException e) {
			type = MediaType.APPLICATION_OCTET_STREAM;
		}
		ContentDisposition disposition = ContentDisposition.inline()
				.filename(item.filename() == null ? item.id() : item.filename(), StandardCharsets.UTF_8).build();
		return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
				.body(item.bytes());
	}
}

package io.switchboard.media.store;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaKey;
import io.switchboard.media.MediaStore;
import io.switchboard.media.StoredMedia;
import io.switchboard.platform.web.ProblemException;
import io.switchboard.platform.web.ProblemType;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the filesystem store's objects to whoever holds a link {@link LinkSigner} signed: no API key (the edge
 * leaves {@code /media/**} open), the signature and expiry checked first, then the bytes streamed as stored, always
 * as an attachment and with {@code X-Content-Type-Options: nosniff}, so a stored file never runs as a page of
 * Switchboard's.
 */
@Hidden
@RestController
@ConditionalOnProperty(name = MediaSettings.STORE_PROPERTY, havingValue = "filesystem", matchIfMissing = true)
class MediaLinkController {

	private final MediaStore store;
	private final LinkSigner signer;

	MediaLinkController(MediaStore store, LinkSigner signer) {
		this.store = store;
		this.signer = signer;
	}

	@GetMapping(LinkSigner.ROUTE + "{bucket}/{tenant}/{sha256}")
	ResponseEntity<Resource> serve(@PathVariable String bucket, @PathVariable String tenant,
			@PathVariable String sha256, @RequestParam(required = false) @Nullable String expires,
			@RequestParam(required = false) @Nullable String signature) {
		String path = LinkSigner.ROUTE + bucket + "/" + tenant + "/" + sha256;
		switch (signer.verify(path, expires, signature)) {
			case INVALID -> throw new ProblemException(ProblemType.INVALID_MEDIA_LINK,
					"The link's signature is not Switchboard's for this path and expiry.");
			case EXPIRED -> throw new ProblemException(ProblemType.INVALID_MEDIA_LINK, "The link has expired.");
			case VALID -> {
			}
		}
		MediaKey key = new MediaKey(bucketNamed(bucket), tenant, sha256);
		StoredMedia media = store.find(key).orElseThrow(() -> notFound());
		InputStream content;
		try {
			content = store.open(key);
		}
		catch (java.util.NoSuchElementException e) {
			throw notFound();
		}
		ContentDisposition disposition = media.filename() == null ? ContentDisposition.attachment().build()
				: ContentDisposition.attachment().filename(media.filename(), StandardCharsets.UTF_8).build();
		return ResponseEntity.ok().contentType(mediaType(media.contentType())).contentLength(media.size())
				.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
				.header("X-Content-Type-Options", "nosniff").body(new InputStreamResource(content));
	}

	private static MediaBucket bucketNamed(String name) {
		for (MediaBucket bucket : MediaBucket.values()) {
			if (bucket.bucketName().equals(name)) {
				return bucket;
			}
		}
		throw new IllegalStateException("a signed link names bucket " + name);
	}

	private static MediaType mediaType(String contentType) {
		try {
			return MediaType.parseMediaType(contentType);
		}
		catch (IllegalArgumentException e) {
			return MediaType.APPLICATION_OCTET_STREAM;
		}
	}

	private static ProblemException notFound() {
		return new ProblemException(ProblemType.NOT_FOUND, "Nothing is stored under this link any more.");
	}
}

package io.switchboard.whatsapp.client;

import io.switchboard.whatsapp.MediaUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;

/**
 * The {@code multipart/form-data} body of a Cloud API media upload ({@code messaging_product}, {@code type},
 * {@code file}), with the file streamed from its source rather than held in memory.
 */
final class Multipart {

	private Multipart() {}

	static BodyPublisher of(String boundary, MediaUpload upload) {
		String filename = upload.filename() == null ? "file" : upload.filename().replace("\"", "'").replace("\r", " ")
			.replace("\n", " ");
		String head = part(boundary, "messaging_product", "whatsapp") + part(boundary, "type", upload.contentType())
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: " + upload.contentType() + "\r\n\r\n";
		String tail = "\r\n--" + boundary + "--\r\n";
		return BodyPublishers.concat(BodyPublishers.ofString(head, StandardCharsets.UTF_8),
				BodyPublishers.ofInputStream(() -> open(upload)),
				BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
	}

	private static String part(String boundary, String name, String value) {
		return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
	}

	private static InputStream open(MediaUpload upload) {
		try {
			return upload.source().open();
		}
		catch (IOException e) {
			throw new UncheckedIOException("the file to upload could not be read", e);
		}
	}
}

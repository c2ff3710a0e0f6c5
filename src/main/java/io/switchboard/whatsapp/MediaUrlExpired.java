package io.switchboard.whatsapp;

/**
 * A media download URL no longer serves the file (WhatsApp answers 401, 403, 404 or 410 once it expired): resolve the
 * media id again for a fresh one.
 */
public class MediaUrlExpired extends RuntimeException {

	public MediaUrlExpired(int status) {
		super("the media URL answered HTTP " + status, null, false, false);
	}
}

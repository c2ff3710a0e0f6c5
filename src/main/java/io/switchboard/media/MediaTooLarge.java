package io.switchboard.media;

/**
 * Content had more bytes than the limit it was stored or fetched under; nothing was kept.
 */
public class MediaTooLarge extends RuntimeException {

	private final long limit;

	public MediaTooLarge(long limit) {
		super("more than " + limit + " bytes", null, false, false);
		this.limit = limit;
	}

	/**
	 * @return the limit in bytes.
	 */
	public long limit() {
		return limit;
	}
}

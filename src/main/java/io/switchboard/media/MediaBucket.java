package io.switchboard.media;

/**
 * The seed's four buckets (with the S3 store, buckets or key prefixes, as configured).
 */
public enum MediaBucket {

	/** Customers' media, re-hosted for the destination. */
	MEDIA_INBOUND("media-inbound"),

	/** Businesses' attachments, fetched before they are handed to the channel. */
	MEDIA_OUTBOUND("media-outbound"),

	/** Raw webhook payloads received from the channels. */
	WEBHOOKS_INBOUND("webhooks-inbound"),

	/** Raw webhook payloads received from the destinations. */
	WEBHOOKS_OUTBOUND("webhooks-outbound");

	private final String bucketName;

	MediaBucket(String bucketName) {
		this.bucketName = bucketName;
	}

	/**
	 * @return the seed's name of the bucket, e.g. {@code media-inbound}.
	 */
	public String bucketName() {
		return bucketName;
	}
}

package io.switchboard.media;

import java.util.List;

/**
 * Raw webhook payloads a module keeps, to be copied into a webhook bucket of the media store. The module that
 * received them implements this; the media module copies them off the request path and reports each copy back.
 */
public interface ArchivedWebhooks {

	/**
	 * @return the bucket its payloads go to: {@link MediaBucket#WEBHOOKS_INBOUND} for a channel's,
	 *         {@link MediaBucket#WEBHOOKS_OUTBOUND} for a destination's.
	 */
	MediaBucket bucket();

	/**
	 * @return payloads not yet copied, oldest first.
	 */
	List<RawWebhook> notArchived(int limit);

	/**
	 * Notes where a payload was copied to.
	 */
	void archived(long id, MediaKey key);

	/**
	 * A payload as received.
	 *
	 * @param id the module's id of it.
	 * @param tenantId the tenant it was for.
	 * @param body the bytes as received.
	 */
	record RawWebhook(long id, String tenantId, byte[] body) {}
}

package io.switchboard.whatsapp;

import io.switchboard.tenant.Tenant;

import java.io.InputStream;

/**
 * Sends messages to customers through a tenant's WhatsApp number on the Cloud API. Sends are paced to the number's
 * throughput limit and to WhatsApp's pair rate per customer; throughput and transient errors are retried briefly
 * inside. It also moves media: resolving and downloading customers' files, uploading the business's, neither paced
 * like sends. What comes out is the accepted message or a classified {@link WhatsAppSendFailed}.
 */
public interface WhatsAppSender {

	/**
	 * @return the wamid WhatsApp gave the message.
	 * @throws WhatsAppSendFailed when WhatsApp refused it, classified by its error code.
	 */
	WhatsAppSendAccepted send(Tenant tenant, OutboundMessage message);

	/**
	 * Marks a customer's message read (which marks earlier ones read too), optionally showing the typing indicator.
	 *
	 * @throws WhatsAppSendFailed when WhatsApp refused it.
	 */
	void markRead(Tenant tenant, String wamid, boolean showTyping);

	/**
	 * Resolves a media id to its download URL and declared metadata ({@code GET /{media-id}}); not paced.
	 *
	 * @throws WhatsAppSendFailed when WhatsApp refused it.
	 */
	MediaInfo mediaInfo(Tenant tenant, String mediaId);

	/**
	 * Opens a media download with the tenant's token, streamed; the caller closes the stream. Not paced.
	 *
	 * @throws MediaUrlExpired when the URL no longer serves the file.
	 * @throws WhatsAppSendFailed when the download failed otherwise.
	 */
	InputStream download(Tenant tenant, MediaInfo media);

	/**
	 * Uploads a file to the tenant's number ({@code POST /{phone-number-id}/media}), streamed; not paced like sends.
	 *
	 * @return the media id to send it by.
	 * @throws WhatsAppSendFailed when WhatsApp refused it.
	 */
	String upload(Tenant tenant, MediaUpload upload);
}

package io.switchboard.media;

import java.net.URI;

/**
 * Fetches a business's attachment from the URL a destination gave (an agent's file in Genesys, an API caller's
 * {@code imageUrl}) into {@link MediaBucket#MEDIA_OUTBOUND}, at once, streaming. Only public hosts are reached: a URL
 * whose host is or resolves to a loopback, private, link-local, unique-local, multicast or cloud-metadata address,
 * or that redirects to one, is refused (checked after DNS resolution, on every redirect, against the address
 * actually connected to), unless the tenant is a sandbox tenant allowed to reach such hosts. The content type is
 * detected from the bytes, not taken from the server's declaration.
 */
public interface AttachmentFetcher {

	/**
	 * @param maxBytes the most the attachment may have.
	 * @param allowPrivateHosts whether non-public hosts may be reached (sandbox tenants only).
	 * @return the stored attachment, its {@link StoredMedia#contentType()} detected from its bytes.
	 * @throws AttachmentRefused when the URL is refused, the fetch fails, or the content is too large.
	 */
	StoredMedia fetch(String tenantId, URI url, long maxBytes, boolean allowPrivateHosts);
}

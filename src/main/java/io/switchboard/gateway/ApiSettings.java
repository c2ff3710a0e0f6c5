package io.switchboard.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the REST API and every other non-webhook request ({@code switchboard.api}); the webhooks keep their own
 * ({@code switchboard.whatsapp.webhook.max-body-size}, {@code switchboard.webhooks}).
 *
 * @param maxBodySize the largest request body taken, checked before anything reads it: a larger
 *        {@code Content-Length} is answered 413 unread, a chunked body is cut off once it passes the limit. 64KB by
 *        default, room for the largest legitimate request (a 4,096-character text, escaped in JSON, with its
 *        metadata, or a bulk replay of 500 dead letters).
 */
@ConfigurationProperties("switchboard.api")
record ApiSettings(DataSize maxBodySize) {

	ApiSettings {
		maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(64) : maxBodySize;
		if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("switchboard.api.max-body-size must be between 1KB and 2GB");
		}
	}
}

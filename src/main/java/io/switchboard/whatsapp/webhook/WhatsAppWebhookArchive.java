package io.switchboard.whatsapp.webhook;

import io.switchboard.media.ArchivedWebhooks;
import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaKey;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Meta's raw webhook payloads ({@code whatsapp_webhook_payloads}) for the {@code webhooks-inbound} bucket, each
 * under the tenant its first item was for.
 */
@Component
class WhatsAppWebhookArchive implements ArchivedWebhooks {

	private final JdbcClient jdbc;

	WhatsAppWebhookArchive(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public MediaBucket bucket() {
		return MediaBucket.WEBHOOKS_INBOUND;
	}

	@Override
	public List<RawWebhook> notArchived(int limit) {
		return jdbc.sql("""
				select p.id, e.tenant_id, p.body from whatsapp_webhook_payloads p
				cross join lateral (select tenant_id from whatsapp_inbound_events where payload_id = p.id limit 1) e
				where p.archive_key is null order by p.id limit ?""")
			.param(limit)
			.query((rs, n) -> new RawWebhook(rs.getLong(1), rs.getString(2), rs.getBytes(3)))
			.list();
	}

	@Override
	public void archived(long id, MediaKey key) {
		jdbc.sql("update whatsapp_webhook_payloads set archive_key = ? where id = ?").params(key.path(), id).update();
	}
}

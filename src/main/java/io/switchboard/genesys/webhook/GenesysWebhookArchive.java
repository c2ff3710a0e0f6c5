package io.switchboard.genesys.webhook;

import io.switchboard.media.ArchivedWebhooks;
import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaKey;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Genesys's raw outbound webhook bodies ({@code genesys_inbound_events}) for the {@code webhooks-outbound} bucket.
 */
@Component
class GenesysWebhookArchive implements ArchivedWebhooks {

	private final JdbcClient jdbc;

	GenesysWebhookArchive(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public MediaBucket bucket() {
		return MediaBucket.WEBHOOKS_OUTBOUND;
	}

	@Override
	public List<RawWebhook> notArchived(int limit) {
		return jdbc.sql("select id, tenant_id, body from genesys_inbound_events where archive_key is null order by id "
				+ "limit ?")
			.param(limit)
			.query((rs, n) -> new RawWebhook(rs.getLong(1), rs.getString(2), rs.getBytes(3)))
			.list();
	}

	@Override
	public void archived(long id, MediaKey key) {
		jdbc.sql("update genesys_inbound_events set archive_key = ? where id = ?").params(key.path(), id).update();
	}
}

package io.switchboard.work.internal;

import io.switchboard.work.internal.WorkBacklog.ChannelBacklog;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The backlog kept in {@code work_items}: the whole queue with the database transport, the outbox with RabbitMQ.
 * Internal to the work channel adapters.
 */
@Component
public class WorkItemsBacklog {

	private final JdbcClient jdbc;

	WorkItemsBacklog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return per channel, the items not parked and the wait of the oldest.
	 */
	public List<ChannelBacklog> read() {
		return jdbc.sql("""
				select channel, count(*) as waiting, extract(epoch from now() - min(created_at)) as oldest
				from work_items where status <> 'FAILED' group by channel""")
				.query((rs, n) -> new ChannelBacklog(rs.getString("channel"), rs.getLong("waiting"),
						Duration.ofMillis(Math.round(rs.getDouble("oldest") * 1000))))
				.list();
	}
}

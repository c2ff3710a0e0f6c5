package io.switchboard.work.internal;

import io.switchboard.work.WorkChannels;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;


/**
 * Work channels kept in the {@code work_items} table of the application's PostgreSQL: publishing is an insert in the
 * caller's transaction (a transactional outbox), so acknowledged work survives a crash.
 */
@Component
class JdbcWorkChannels implements WorkChannels {

	private final JdbcClient jdbc;
	private final WorkPayloads payloads;
	private final WorkSignals signals;

	JdbcWorkChannels(JdbcClient jdbc, WorkPayloads payloads, WorkSignals signals) {
		this.jdbc = jdbc;
		this.payloads = payloads;
		this.signals = signals;
	}

	@Override
	public void publish(String channel, String orderingKey, Object work) {
		jdbc.sql("insert into work_items (channel, ordering_key, payload) values (?, ?, ?::jsonb)")
				.params(channel, orderingKey, payloads.write(work))
				.update();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					signals.wake(channel);
				}
			});
		}
		else {
			signals.wake(channel);
		}
	}
}

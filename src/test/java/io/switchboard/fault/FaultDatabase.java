package io.switchboard.fault;

import io.switchboard.harness.ExternalPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The test's own look into the run's database: the connections it terminates, the rows still in the outbox, and the
 * ledger's failures.
 */
final class FaultDatabase {

	private final ExternalPostgres postgres;

	FaultDatabase(ExternalPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Terminates every connection to the run's database but this one.
	 *
	 * @return how many were terminated.
	 */
	int terminateConnections() throws SQLException {
		try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select count(*) filter (where pg_terminate_backend(pid)) "
						+ "from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/**
	 * @return the work items not yet handed on: with the RabbitMQ transport, the rows of the outbox.
	 */
	int workItems() throws SQLException {
		try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select count(*) from work_items where status <> 'FAILED'")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/**
	 * @return how many of the ledger's messages each way ended {@code FAILED}.
	 */
	String ledgerFailures() throws SQLException {
		try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select direction, count(*) from message_tracking "
						+ "where status = 'FAILED' group by direction order by direction")) {
			List<String> counts = new ArrayList<>();
			while (rows.next()) {
				counts.add(rows.getString(1) + " " + rows.getInt(2));
			}
			return counts.isEmpty() ? "none" : String.join(", ", counts);
		}
	}
}

package io.switchboard.fault;

import io.switchboard.harness.ExternalPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The test's own look into the run's database: the connections it terminates, the rows still in the outbox, and the
 * text of whatever the product parked as failed, in which the report finds the ids of dead letters.
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
	 * @return the text of every work item parked as {@code FAILED} and of every row of the {@code dead_letters} table,
	 *         where there is one.
	 */
	List<String> parked() throws SQLException {
		List<String> texts = new ArrayList<>();
		try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
			collect(statement, "select payload::text, last_error from work_items where status = 'FAILED'", texts);
			try (ResultSet table = connection.getMetaData().getTables(null, null, "dead_letters", null)) {
				if (table.next()) {
					collect(statement, "select * from dead_letters", texts);
				}
			}
		}
		return texts;
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

	private static void collect(Statement statement, String sql, List<String> texts) throws SQLException {
		try (ResultSet rows = statement.executeQuery(sql)) {
			ResultSetMetaData columns = rows.getMetaData();
			while (rows.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns.getColumnCount(); i++) {
					row.append(rows.getString(i)).append(' ');
				}
				texts.add(row.toString());
			}
		}
	}
}

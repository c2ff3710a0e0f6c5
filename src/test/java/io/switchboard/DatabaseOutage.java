package io.switchboard;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database outage aimed at some writes: a trigger fails the first {@code times} matching writes with SQL state
 * 57P01, what PostgreSQL answers when an administrator terminates the connection.
 */
public final class DatabaseOutage {

	private final JdbcClient jdbc;
	private final String name;
	private final String table;
	private final int times;

	private DatabaseOutage(JdbcClient jdbc, String name, String table, int times) {
		this.jdbc = jdbc;
		this.name = name;
		this.table = table;
		this.times = times;
	}

	/**
	 * Fails the updates that mark one message {@code RELAYED} in the ledger: the platform has accepted the message by
	 * then, so the relay must retry the write and not the send.
	 *
	 * @param column the ledger column that identifies the message: {@code meta_message_id} or
	 *        {@code genesys_message_id}.
	 */
	public static DatabaseOutage onRelayed(JdbcClient jdbc, String column, String value, int times) {
		if (!column.equals("meta_message_id") && !column.equals("genesys_message_id")) {
			throw new IllegalArgumentException(column);
		}
		return start(jdbc, "message_tracking", "update", "new.status = 'RELAYED' and new.%s = '%s'"
			.formatted(column, value.replace("'", "''")), times);
	}

	/**
	 * Fails the next inserts into a table.
	 */
	public static DatabaseOutage onInsert(JdbcClient jdbc, String table, int times) {
		if (!table.matches("[a-z_]+")) {
			throw new IllegalArgumentException(table);
		}
		return start(jdbc, table, "insert", "true", times);
	}

	private static DatabaseOutage start(JdbcClient jdbc, String table, String operation, String condition,
			int times) {
		String name = "db_outage_" + UUID.randomUUID().toString().replace("-", "");
		jdbc.sql("create sequence " + name).update();
		jdbc.sql("""
				create function %1$s() returns trigger language plpgsql as $$
				begin
				  if %2$s and nextval('%1$s') <= %3$d then
				    raise exception 'terminating connection due to administrator command' using errcode = '57P01';
				  end if;
				  return new;
				end $$""".formatted(name, condition, times)).update();
		jdbc.sql("create trigger " + name + " before " + operation + " on " + table
				+ " for each row execute function " + name + "()").update();
		return new DatabaseOutage(jdbc, name, table, times);
	}

	/**
	 * @return how many writes the outage failed.
	 */
	public long tripped() {
		long calls = jdbc.sql("select case when is_called then last_value else 0 end from " + name)
				.query(Long.class).single();
		return Math.min(calls, times);
	}

	public void end() {
		jdbc.sql("drop trigger if exists " + name + " on " + table).update();
		jdbc.sql("drop function if exists " + name + "()").update();
		jdbc.sql("drop sequence if exists " + name).update();
	}
}

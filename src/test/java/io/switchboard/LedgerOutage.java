package io.switchboard;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database outage aimed at one ledger write: a trigger on {@code message_tracking} fails the first {@code times}
 * updates that mark one message {@code RELAYED} with SQL state 57P01, what PostgreSQL answers when an administrator
 * terminates the connection. The platform has accepted the message by then, so the relay must retry the write and not
 * the send.
 */
public final class LedgerOutage {

	private final JdbcClient jdbc;
	private final String name;
	private final int times;

	private LedgerOutage(JdbcClient jdbc, String name, int times) {
		this.jdbc = jdbc;
		this.name = name;
		this.times = times;
	}

	/**
	 * @param column the ledger column that identifies the message: {@code meta_message_id} or
	 *        {@code genesys_message_id}.
	 */
	public static LedgerOutage onRelayed(JdbcClient jdbc, String column, String value, int times) {
		if (!column.equals("meta_message_id") && !column.equals("genesys_message_id")) {
			throw new IllegalArgumentException(column);
		}
		String name = "ledger_outage_" + UUID.randomUUID().toString().replace("-", "");
		jdbc.sql("create sequence " + name).update();
		jdbc.sql("""
				create function %1$s() returns trigger language plpgsql as $$
				begin
				  if new.status = 'RELAYED' and new.%2$s = '%3$s' and nextval('%1$s') <= %4$d then
				    raise exception 'terminating connection due to administrator command' using errcode = '57P01';
				  end if;
				  return new;
				end $$""".formatted(name, column, value.replace("'", "''"), times)).update();
		jdbc.sql("create trigger " + name + " before update on message_tracking for each row execute function "
				+ name + "()").update();
		return new LedgerOutage(jdbc, name, times);
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
		jdbc.sql("drop trigger if exists " + name + " on message_tracking").update();
		jdbc.sql("drop function if exists " + name + "()").update();
		jdbc.sql("drop sequence if exists " + name).update();
	}
}

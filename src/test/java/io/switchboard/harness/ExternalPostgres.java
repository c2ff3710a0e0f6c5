package io.switchboard.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The production database that exists today: an external PostgreSQL server, e.g. the machine's, reached as
 * {@code postgres} on 127.0.0.1:5432 (the benchmark takes host, port, user and password from {@code benchmark.pg.*}).
 * Each run gets a fresh database, dropped afterwards.
 */
public final class ExternalPostgres implements AutoCloseable {

	private final String server;
	private final Properties credentials;
	private final String database;
	private final Map<String, String> settings;
	private final long postmasterPid;

	private ExternalPostgres(String server, Properties credentials, String database, Map<String, String> settings,
			long postmasterPid) {
		this.server = server;
		this.credentials = credentials;
		this.database = database;
		this.settings = settings;
		this.postmasterPid = postmasterPid;
	}

	/**
	 * @return a fresh database, or empty with the reason printed when the server cannot be reached.
	 */
	public static Optional<ExternalPostgres> create(String host, int port, String user, String password, String database,
			StringBuilder why) {
		String server = "jdbc:postgresql://" + host + ":" + port + "/";
		Properties credentials = new Properties();
		credentials.setProperty("user", user);
		if (!password.isEmpty()) {
			credentials.setProperty("password", password);
		}
		credentials.setProperty("connectTimeout", "3");
		try (Connection connection = DriverManager.getConnection(server + "postgres", credentials);
				Statement statement = connection.createStatement()) {
			Map<String, String> settings = new LinkedHashMap<>();
			settings.put("version", single(statement, "show server_version"));
			for (String name : new String[] { "fsync", "synchronous_commit", "full_page_writes", "shared_buffers",
					"max_connections" }) {
				settings.put(name, single(statement, "show " + name));
			}
			long backend = Long.parseLong(single(statement, "select pg_backend_pid()"));
			statement.execute("create database " + database);
			return Optional.of(new ExternalPostgres(server, credentials, database, settings, ProcFs.parent(backend)));
		}
		catch (SQLException e) {
			why.append(e.getMessage());
			return Optional.empty();
		}
	}

	public String jdbcUrl() {
		return server + database;
	}

	/**
	 * @return a new connection to the run's database, for the test's own queries.
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), credentials);
	}

	public String database() {
		return database;
	}

	public String user() {
		return credentials.getProperty("user");
	}

	public String password() {
		return credentials.getProperty("password", "");
	}

	/**
	 * @return the server's main process, whose children serve the connections; 0 if it is not on this machine.
	 */
	public long postmasterPid() {
		return postmasterPid;
	}

	/**
	 * @return the server's version and durability settings.
	 */
	public Map<String, String> settings() {
		return settings;
	}

	@Override
	public void close() {
		try (Connection connection = DriverManager.getConnection(server + "postgres", credentials);
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + database + " with (force)");
		}
		catch (SQLException e) {
			System.out.println("Could not drop database " + database + ": " + e.getMessage());
		}
	}

	private static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}
}

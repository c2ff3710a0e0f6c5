package io.switchboard.harness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh database on the machine's PostgreSQL for a module test, which bootstraps one module without the
 * application's embedded database. It is left when the JVM ends (dropping it then would pull the connections from
 * under contexts still closing) and the next run drops what earlier runs left.
 */
public final class ModuleDatabase {

	private static volatile Optional<ExternalPostgres> database;

	private ModuleDatabase() {}

	/**
	 * Points the module's data source at its fresh database; the test is skipped when PostgreSQL cannot be reached.
	 */
	public static synchronized void register(DynamicPropertyRegistry registry) {
		if (database == null) {
			StringBuilder why = new StringBuilder();
			database = ExternalPostgres.create("127.0.0.1", 5432, "postgres", "",
					"module_" + UUID.randomUUID().toString().replace("-", ""), why);
			database.ifPresent(ModuleDatabase::dropEarlierRuns);
			if (database.isEmpty()) {
				System.out.println("PostgreSQL is not reachable for module tests: " + why);
			}
		}
		org.junit.jupiter.api.Assumptions.assumeTrue(database.isPresent(), "PostgreSQL on 127.0.0.1:5432");
		ExternalPostgres postgres = database.get();
		registry.add("spring.datasource.url", postgres::jdbcUrl);
		registry.add("spring.datasource.username", postgres::user);
		registry.add("spring.datasource.password", postgres::password);
		registry.add("switchboard.database.embedded", () -> "false");
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
		registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
	}

	private static void dropEarlierRuns(ExternalPostgres current) {
		try (Connection connection = current.connect();
				Statement statement = connection.createStatement();
				ResultSet left = statement.executeQuery("select datname from pg_database where datname like "
						+ "'module\\_%' and datname <> current_database()")) {
			List<String> names = new ArrayList<>();
			while (left.next()) {
				names.add(left.getString(1));
			}
			for (String name : names) {
				statement.execute("drop database if exists " + name + " with (force)");
			}
		}
		catch (SQLException e) {
			System.out.println("Could not drop the module databases of earlier runs: " + e.getMessage());
		}
	}
}

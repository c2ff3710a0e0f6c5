package io.switchboard.harness;

import java.util.Optional;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh database on the machine's PostgreSQL for a module test, which bootstraps one module without the
 * application's embedded database. Dropped when the JVM ends.
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
			database.ifPresent(created -> Runtime.getRuntime().addShutdownHook(new Thread(created::close)));
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
	}
}

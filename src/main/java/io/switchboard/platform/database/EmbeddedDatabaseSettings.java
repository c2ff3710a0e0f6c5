package io.switchboard.platform.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL ({@code switchboard.database.*}).
 *
 * @param dataDir where its data lives; kept across restarts.
 * @param port the port it listens on ({@literal 0} picks a free one).
 * @param poolSize connections the application keeps to it.
 */
@ConfigurationProperties("switchboard.database")
record EmbeddedDatabaseSettings(Path dataDir, int port, int poolSize) {

	EmbeddedDatabaseSettings {
		dataDir = dataDir == null ? Path.of("data", "postgres") : dataDir;
		poolSize = poolSize <= 0 ? 20 : poolSize;
	}
}

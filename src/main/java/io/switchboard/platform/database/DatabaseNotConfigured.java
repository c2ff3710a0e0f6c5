package io.switchboard.platform.database;

/**
 * The start names no database: neither {@code switchboard.database.embedded=true} nor {@code spring.datasource.url}.
 * Reported by {@link DatabaseNotConfiguredFailureAnalyzer} as a short description and the settings to add.
 */
class DatabaseNotConfigured extends IllegalStateException {

	DatabaseNotConfigured() {
		super("No database is configured: " + ExternalDatabaseCheck.URL + " is not set and the embedded PostgreSQL is "
				+ "off (" + EmbeddedDatabaseConfiguration.EMBEDDED + " is false unless asked for, as in a packaged jar's "
				+ "defaults).");
	}
}

package io.switchboard.platform.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link DatabaseNotConfigured} into Spring Boot's start-up failure report (what is wrong, what to set) instead
 * of a stack trace. Registered in {@code META-INF/spring.factories}.
 */
class DatabaseNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseNotConfigured> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseNotConfigured cause) {
		return new FailureAnalysis(cause.getMessage(), "Set " + ExternalDatabaseCheck.URL
				+ " (and spring.datasource.username, spring.datasource.password) to your PostgreSQL, for example "
				+ "--" + ExternalDatabaseCheck.URL + "=jdbc:postgresql://db:5432/switchboard. On a developer machine, "
				+ "set " + EmbeddedDatabaseConfiguration.EMBEDDED + "=true for an embedded PostgreSQL under ./data, "
				+ "or start with the 'sandbox' profile (--spring.profiles.active=sandbox), as ./mvnw spring-boot:run "
				+ "does, for the embedded database and the sandbox.", cause);
	}
}

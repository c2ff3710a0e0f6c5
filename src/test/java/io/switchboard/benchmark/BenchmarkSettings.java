package io.switchboard.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The benchmark's knobs, from system properties ({@code -Dbenchmark.*}, set by the {@code benchmark} Maven profile or
 * on the command line); the defaults are what the report is made with.
 *
 * @param basedir the project directory: {@code bench/}, {@code docs/} and {@code target/} are found from it.
 * @param jar the packaged application.
 * @param runDir where this run keeps its databases, logs and request files.
 * @param buildStarted when Maven started, to report the duration of the whole command; {@literal null} if unknown.
 * @param customers the pool of customer numbers inbound messages come from.
 * @param messagesPerSecond the tenant's WhatsApp throughput limit, which the pacing phase measures against.
 * @param timeLimit how long the measurements may take; phases that would not fit are skipped and say so.
 * @param wrkConnections connections wrk keeps open for the ceilings.
 * @param ceilingSeconds how long each ceiling is measured.
 * @param appJvmOptions JVM options for the application, none by default (the JVM's own defaults).
 * @param embedded whether to run the embedded-defaults part.
 * @param external whether to run the external PostgreSQL part.
 * @param phases the phases to run ({@code -Dbenchmark.phases}, comma-separated, e.g. {@code media}); empty for all of
 *        them, the only choice that writes {@code docs/benchmarks.md} (a partial run writes its report to
 *        {@link #runDir()} only).
 */
record BenchmarkSettings(Path basedir, Path jar, Path runDir, Instant buildStarted, int customers,
		int messagesPerSecond, Duration timeLimit, int wrkConnections, int ceilingSeconds, List<String> appJvmOptions,
		boolean installWrk, boolean embedded, boolean external, String pgHost, int pgPort, String pgUser, String pgPassword,
		Set<Phase> phases) {

	/**
	 * The phases {@code -Dbenchmark.phases} can choose from: {@code media} is the 100 MB document; {@code relay} is
	 * all the others (webhooks, relay, pacing, ceilings).
	 */
	enum Phase {
		RELAY, MEDIA
	}

	static BenchmarkSettings fromSystemProperties(String runId) {
		Path basedir = Path.of(System.getProperty("benchmark.basedir", ".")).toAbsolutePath().normalize();
		Path target = basedir.resolve("target");
		String jar = System.getProperty("benchmark.jar", "");
		Instant buildStarted = null;
		try {
			buildStarted = Instant.parse(System.getProperty("benchmark.build-started", ""));
		}
		catch (RuntimeException unknown) {
			buildStarted = null;
		}
		String jvmOptions = System.getProperty("benchmark.app-jvm-options", "").strip();
		return new BenchmarkSettings(basedir, jar.isBlank() ? packagedJar(target) : Path.of(jar),
				target.resolve("benchmark").resolve(runId), buildStarted, integer("benchmark.customers", 1000),
				integer("benchmark.messages-per-second", 80),
				Duration.ofSeconds(integer("benchmark.time-limit-seconds", 480)),
				integer("benchmark.wrk-connections", 32), integer("benchmark.ceiling-seconds", 8),
				jvmOptions.isEmpty() ? List.of() : Arrays.asList(jvmOptions.split("\\s+")),
				Boolean.parseBoolean(System.getProperty("benchmark.install-wrk", "true")),
				Boolean.parseBoolean(System.getProperty("benchmark.embedded", "true")),
				Boolean.parseBoolean(System.getProperty("benchmark.external-postgres", "true")),
				System.getProperty("benchmark.pg.host", "127.0.0.1"), integer("benchmark.pg.port", 5432),
				System.getProperty("benchmark.pg.user", "postgres"), System.getProperty("benchmark.pg.password", ""),
				phases(System.getProperty("benchmark.phases", "")));
	}

	/**
	 * @return whether the phase is to run.
	 */
	boolean runs(Phase phase) {
		return phases.isEmpty() || phases.contains(phase);
	}

	/**
	 * @return whether every phase runs, so that the report may replace {@code docs/benchmarks.md}.
	 */
	boolean complete() {
		return phases.isEmpty() || phases.containsAll(EnumSet.allOf(Phase.class));
	}

	private static Set<Phase> phases(String names) {
		Set<Phase> phases = EnumSet.noneOf(Phase.class);
		for (String name : names.split(",")) {
			if (!name.isBlank()) {
				phases.add(Phase.valueOf(name.strip().toUpperCase(Locale.ROOT)));
			}
		}
		return phases;
	}

	Path script() {
		return basedir.resolve("bench").resolve("webhooks.lua");
	}

	private static Path packagedJar(Path target) {
		try (Stream<Path> files = Files.list(target)) {
			return files.filter(f -> f.getFileName().toString().matches("switchboard-.*\\.jar"))
					.filter(f -> !f.getFileName().toString().endsWith("-plain.jar"))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("No target/switchboard-*.jar: run ./mvnw -Pbenchmark verify"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static int integer(String name, int fallback) {
		return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
	}
}

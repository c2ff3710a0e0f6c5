package io.switchboard.benchmark;

import io.switchboard.harness.ExternalPostgres;
import io.switchboard.harness.RabbitBroker;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark of issue 4: how fast and how lean the relay is. Run by {@code ./mvnw -Pbenchmark verify} (its name
 * keeps it out of the normal test run). It runs the packaged application on its embedded defaults, then on the
 * external PostgreSQL at 127.0.0.1:5432 and on that PostgreSQL with the RabbitMQ work transport (each skipped with a
 * note when its server is not reachable), each time through the phases of {@link BackendRun}, then writes
 * {@code docs/benchmarks.md} and {@code docs/benchmarks.svg} (a run of some phases only, {@code -Dbenchmark.phases},
 * writes its report under {@code target/benchmark/} alone). Missed goals are reported, not failed: the test fails
 * only when the benchmark itself could not run.
 */
@Tag("benchmark")
class RelayBenchmark {

	@Test
	void measureAndReport() throws Exception {
		Instant started = Instant.now();
		String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
		BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties(runId);
		long deadline = System.nanoTime() + settings.timeLimit().toNanos();
		Files.createDirectories(settings.runDir());
		boolean relay = settings.runs(BenchmarkSettings.Phase.RELAY);
		Ceiling ceiling = Ceiling.find(settings.script(), relay && settings.installWrk(), 2,
				settings.wrkConnections());
		QuietMachine quiet = new QuietMachine(Duration.ofSeconds(120));
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5)).build();

		List<Results> runs = new ArrayList<>();
		if (settings.embedded()) {
			runs.add(new BackendRun(settings, new BackendRun.Backend("Embedded defaults",
					"embedded PostgreSQL 18 (zonky), started by the application, `fsync`, `synchronous_commit` and "
							+ "`full_page_writes` on",
					List.of("--switchboard.database.embedded=true"), true, 0, 0), ceiling, http, quiet, deadline,
					tag()).run());
		}

		List<String> skipped = new ArrayList<>();
		if (!settings.external()) {
			skipped.add("External PostgreSQL: switched off with -Dbenchmark.external-postgres=false");
		}
		else if (!relay) {
			skipped.add("External PostgreSQL: only the media phase runs (-Dbenchmark.phases), on the embedded defaults");
		}
		else {
			external(settings, runId, "External PostgreSQL", Optional.empty(), runs, skipped, ceiling, http, quiet,
					deadline);
			StringBuilder why = new StringBuilder();
			String tag = tag();
			Optional<RabbitBroker> broker = RabbitBroker.find(System.getProperty("benchmark.rabbitmq.host", "127.0.0.1"),
					Integer.parseInt(System.getProperty("benchmark.rabbitmq.port", "5672")), "switchboard-bench-" + tag,
					why);
			if (broker.isEmpty()) {
				skipped.add("PostgreSQL + RabbitMQ: no RabbitMQ at 127.0.0.1:5672 (" + why + ")");
			}
			else {
				try (RabbitBroker rabbit = broker.get()) {
					external(settings, runId + "-mq", "PostgreSQL + RabbitMQ", broker, runs, skipped, ceiling, http,
							quiet, deadline);
				}
			}
		}
		skipped.forEach(reason -> System.out.println("[benchmark] NOTE: skipped " + reason));

		Path docs = settings.basedir().resolve("docs");
		Path notes = settings.basedir().resolve("bench").resolve("notes.md");
		Instant finished = Instant.now();
		String report = Report.render(new Report.Inputs(settings, Machine.describe(settings.basedir()), runs, skipped,
				settings.buildStarted(), started, finished, Files.exists(notes) ? Files.readString(notes) : null));
		Files.writeString(settings.runDir().resolve("benchmarks.md"), report);
		Path written = settings.runDir().resolve("benchmarks.md");
		if (settings.complete()) {
			Files.createDirectories(docs);
			Files.writeString(docs.resolve("benchmarks.md"), report);
			Files.writeString(docs.resolve("benchmarks.svg"), Chart.render(runs));
			written = docs.resolve("benchmarks.md");
		}
		System.out.println("[benchmark] wrote " + written + " after " + Duration.between(started, finished).toSeconds()
				+ " s");

		assertThat(runs).as("backends measured").isNotEmpty();
		if (settings.runs(BenchmarkSettings.Phase.MEDIA)) {
			assertThat(runs.getFirst().media).as("media relay measured").isNotNull();
		}
		if (!relay) {
			return;
		}
		assertThat(runs.getFirst().inboundAt(1000)).as("inbound at 1,000/s measured").isNotNull();
		assertThat(runs.getFirst().inboundAt(1000).ack().count()).as("webhooks acknowledged at 1,000/s").isPositive();
	}

	/**
	 * Runs the database-dependent phases against a fresh database on the external PostgreSQL, with the work carried
	 * by the database itself or by RabbitMQ.
	 */
	private static void external(BenchmarkSettings settings, String runId, String name, Optional<RabbitBroker> broker,
			List<Results> runs, List<String> skipped, Ceiling ceiling, HttpClient http, QuietMachine quiet,
			long deadline) throws Exception {
		StringBuilder why = new StringBuilder();
		String database = "switchboard_bench_" + runId.replace("-", "_");
		Optional<ExternalPostgres> postgres = ExternalPostgres.create(settings.pgHost(), settings.pgPort(),
				settings.pgUser(), settings.pgPassword(), database, why);
		if (postgres.isEmpty()) {
			skipped.add(name + ": PostgreSQL at " + settings.pgHost() + ":" + settings.pgPort() + " is not reachable ("
					+ why + ")");
			return;
		}
		try (ExternalPostgres pg = postgres.get()) {
			List<String> arguments = new ArrayList<>(List.of("--switchboard.database.embedded=false",
					"--spring.datasource.url=" + pg.jdbcUrl(), "--spring.datasource.username=" + pg.user()));
			if (!pg.password().isEmpty()) {
				arguments.add("--spring.datasource.password=" + pg.password());
			}
			String description = "PostgreSQL " + pg.settings().get("version") + " at " + settings.pgHost() + ":"
					+ settings.pgPort() + ", fresh database; `fsync` " + pg.settings().get("fsync")
					+ ", `synchronous_commit` " + pg.settings().get("synchronous_commit") + ", `full_page_writes` "
					+ pg.settings().get("full_page_writes") + ", `shared_buffers` " + pg.settings().get("shared_buffers");
			if (broker.isPresent()) {
				arguments.addAll(broker.get().arguments());
				description += "; work over RabbitMQ " + broker.get().version()
						+ " on 127.0.0.1:5672 (`switchboard.work.transport=rabbitmq`, 8 quorum shard queues per channel)";
			}
			runs.add(new BackendRun(settings, new BackendRun.Backend(name, description, arguments, false,
					pg.postmasterPid(), broker.isPresent() ? RabbitBroker.pid() : 0), ceiling, http, quiet, deadline,
					tag()).run());
		}
	}

	private static String tag() {
		return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}
}

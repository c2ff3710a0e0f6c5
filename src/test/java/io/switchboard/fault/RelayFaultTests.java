package io.switchboard.fault;

import io.switchboard.harness.ExternalPostgres;
import io.switchboard.harness.RabbitBroker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fault test of issue 7: the packaged jar as one edge and two workers on the machine's PostgreSQL and RabbitMQ,
 * under a steady signed stream both ways, through a worker's SIGKILL, a full broker restart, Genesys and then Meta
 * unavailable for a minute each, a burst from one customer, one id on five connections, the database's connections
 * terminated and the edge's SIGKILL with work in its outbox (see {@link FaultRun}). It prints the report, writes it to
 * {@code target/fault-report.txt}, and fails on any message lost, out of order, without its receipt, or duplicated
 * outside the SIGKILL phases. Run by failsafe after the jar is packaged; skipped, with the reason, where PostgreSQL or
 * RabbitMQ is absent.
 */
class RelayFaultTests {

	/** The whole test, including starting and stopping the processes, stays within this. */
	private static final Duration BUDGET = Duration.ofSeconds(400);
	private static final Duration TEARDOWN = Duration.ofSeconds(25);

	@Test
	void relayLosesNothingAndKeepsOrderThroughFaults() throws Exception {
		long started = System.nanoTime();
		Path basedir = Path.of(System.getProperty("fault.basedir", ".")).toAbsolutePath().normalize();
		Path jar = jar(basedir);
		String runId = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
		String runTag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

		int amqpPort = Integer.getInteger("fault.rabbitmq.port", 5672);
		int pgPort = Integer.getInteger("fault.pg.port", 5432);
		StringBuilder why = new StringBuilder();
		Optional<RabbitBroker> broker = RabbitBroker.find("127.0.0.1", amqpPort, "switchboard-fault-" + runTag, why);
		skipUnless(broker.isPresent(), "no RabbitMQ answers on 127.0.0.1:" + amqpPort + " (" + why + ")");
		String uncontrollable = MachineBroker.whyNotControllable();
		skipUnless(uncontrollable == null, "RabbitMQ cannot be stopped and started from here: " + uncontrollable);
		Optional<ExternalPostgres> postgres = ExternalPostgres.create("127.0.0.1", pgPort, "postgres", "",
				"switchboard_fault_" + runId, why);
		skipUnless(postgres.isPresent(), "no PostgreSQL answers on 127.0.0.1:" + pgPort + " (" + why + ")");

		FaultRun.Outcome outcome;
		MachineBroker machineBroker = new MachineBroker(amqpPort);
		try (RabbitBroker rabbit = broker.get(); ExternalPostgres pg = postgres.get()) {
			long drainDeadline = started + BUDGET.minus(TEARDOWN).toNanos();
			try {
				outcome = new FaultRun(jar, basedir.resolve("target").resolve("fault").resolve(runId), pg, rabbit,
						machineBroker, drainDeadline, runTag, appArguments()).run();
			}
			finally {
				machineBroker.ensureRunning();
			}
		}
		String took = "\nThe fault test took " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s.\n";
		Path report = basedir.resolve("target").resolve("fault-report.txt");
		Files.createDirectories(report.getParent());
		Files.writeString(report, outcome.text() + took);
		System.out.println("\n" + outcome.text() + took + "(also in " + report + ")\n");

		FaultReport counts = outcome.report();
		assertSoftly(softly -> {
			softly.assertThat(outcome.dead()).as("processes that died unbidden").isEmpty();
			softly.assertThat(outcome.consumersReturned()).as("every consumer back by itself after the broker restart")
					.isTrue();
			softly.assertThat(counts.lost()).as("messages acknowledged and never delivered").isZero();
			softly.assertThat(counts.outOfOrder()).as("messages out of their customer's order").isZero();
			softly.assertThat(counts.receiptsMissing()).as("agent messages delivered without a Delivered receipt")
					.isZero();
			softly.assertThat(counts.disallowedDuplicates()).as("duplicates outside the SIGKILL phases").isEmpty();
		});
	}

	/**
	 * @return the arguments {@code -Dfault.app-arguments} adds to every process (separated by spaces).
	 */
	private static List<String> appArguments() {
		String given = System.getProperty("fault.app-arguments", "").strip();
		return given.isEmpty() ? List.of() : List.of(given.split("\\s+"));
	}

	private static void skipUnless(boolean condition, String reason) {
		if (!condition) {
			System.out.println("[fault] SKIPPED: " + reason);
		}
		assumeTrue(condition, reason);
	}

	private static Path jar(Path basedir) throws IOException {
		String given = System.getProperty("fault.jar", "");
		if (!given.isBlank()) {
			skipUnless(Files.exists(Path.of(given)), "the packaged jar " + given + " does not exist");
			return Path.of(given);
		}
		Path target = basedir.resolve("target");
		skipUnless(Files.isDirectory(target), "no target/ directory: package the jar first (./mvnw verify)");
		try (Stream<Path> files = Files.list(target)) {
			Optional<Path> jar = files.filter(f -> f.getFileName().toString().matches("switchboard-.*\\.jar"))
					.filter(f -> !f.getFileName().toString().endsWith("-plain.jar")).findFirst();
			skipUnless(jar.isPresent(), "no target/switchboard-*.jar: package the jar first (./mvnw verify)");
			return jar.get();
		}
	}
}

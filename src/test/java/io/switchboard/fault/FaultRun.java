package io.switchboard.fault;

import io.switchboard.fault.Messages.Message;
import io.switchboard.harness.ExternalPostgres;
import io.switchboard.harness.RabbitBroker;
import io.switchboard.harness.StandInTenant;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;

/**
 * One run of the fault test: the stand-ins, the cluster and the steady stream both ways, then the faults one after
 * another, each its own phase of the {@link Timeline}, then a bounded wait for the backlog to drain, and the
 * {@link FaultReport}.
 */
final class FaultRun {

	static final int CUSTOMERS = 20;
	static final double PER_SECOND = 10;
	private static final int BURST_CUSTOMER = 100;
	private static final int BURST = 30;
	private static final int DOUBLE_POST_CUSTOMER = 101;
	private static final int CONNECTIONS = 5;
	private static final int FIRST_NEW_CUSTOMER = 200;
	private static final int EDGE_KILL_BATCH = 60;
	private static final Duration OUTAGE_HALF = Duration.ofSeconds(30);
	private static final Duration QUIET_BEFORE_GIVING_UP = Duration.ofSeconds(30);

	/**
	 * What the run found besides the report's counts.
	 *
	 * @param consumersReturned whether every shard queue had both workers' consumers again after the broker restart.
	 * @param dead processes that died unbidden.
	 */
	record Outcome(FaultReport report, String text, boolean consumersReturned, List<String> dead) {}

	private final Path jar;
	private final Path runDir;
	private final ExternalPostgres postgres;
	private final RabbitBroker rabbit;
	private final MachineBroker broker;
	private final long deadline;
	private final String runTag;
	private final List<String> extraArguments;
	private final Timeline timeline = new Timeline();
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2)).build();
	private final StandInTenant tenant = StandInTenant.fresh("fault", 80);
	private final String adminKey = "fault-admin-" + UUID.randomUUID();
	private final List<String> notes = new ArrayList<>();
	private Cluster cluster;
	private boolean consumersReturned;

	/**
	 * @param deadline when ({@link System#nanoTime()}) waiting for the backlog must end, whatever is left.
	 * @param extraArguments more arguments for every process, e.g. to make the product give up early and see the
	 *        report show it.
	 */
	FaultRun(Path jar, Path runDir, ExternalPostgres postgres, RabbitBroker rabbit, MachineBroker broker,
			long deadline, String runTag, List<String> extraArguments) {
		this.extraArguments = List.copyOf(extraArguments);
		this.jar = jar;
		this.runDir = runDir;
		this.postgres = postgres;
		this.rabbit = rabbit;
		this.broker = broker;
		this.deadline = deadline;
		this.runTag = runTag;
	}

	Outcome run() throws Exception {
		EdgeClient edge = new EdgeClient(() -> cluster.edge());
		Messages messages = new Messages(tenant, runTag, timeline);
		Traffic traffic = new Traffic(messages, edge, timeline);
		FaultDatabase database = new FaultDatabase(postgres);
		try (GenesysRecorder genesys = new GenesysRecorder();
				StatusWebhooks statuses = new StatusWebhooks(tenant, edge);
				GraphRecorder graph = new GraphRecorder(statuses, runTag);
				Cluster started = new Cluster(jar, runDir, arguments(graph, genesys), http)) {
			cluster = started;
			timeline.log("starting the edge and two workers (logs in " + runDir + ")");
			cluster.start();
			timeline.log("cluster ready");
			prime(messages, traffic, genesys);
			timeline.begin("baseline", false);
			traffic.startStreams(IntStream.rangeClosed(1, CUSTOMERS).boxed().toList(), PER_SECOND);
			faults(messages, traffic, database, genesys, graph);
			traffic.stopStreams();
			timeline.end();
			drain(messages, genesys, graph, statuses, database);
			Set<String> deadLetters = deadLetters(edge, graph);
			FaultReport report = FaultReport.of(timeline, messages, genesys, graph, deadLetters);
			notes.add("edge answers by phase (posts, not messages):");
			timeline.phases().forEach(p -> notes.add("  %-34s %s".formatted(p.name(), traffic.answers(p.name()))));
			notes.add("stand-ins: Genesys " + genesys.calls() + " calls (" + genesys.unavailableAnswers()
					+ " answered 503), Meta " + graph.calls() + " calls (" + graph.unavailableAnswers()
					+ " answered 503); status webhooks acknowledged " + statuses.sent() + ", posted again "
					+ statuses.retried() + ", still pending " + statuses.pending());
			notes.add("ledger messages FAILED: " + database.ledgerFailures());
			List<String> dead = cluster.dead();
			return new Outcome(report, text(report), consumersReturned, dead);
		}
	}

	private List<String> arguments(GraphRecorder graph, GenesysRecorder genesys) {
		List<String> arguments = new ArrayList<>(List.of("--switchboard.sandbox.enabled=false",
				"--switchboard.encryption-key=" + StandInTenant.encryptionKey(),
				"--switchboard.database.embedded=false", "--spring.datasource.url=" + postgres.jdbcUrl(),
				"--spring.datasource.username=" + postgres.user(), "--spring.datasource.hikari.maximum-pool-size=8",
				"--switchboard.admin.api-key=" + adminKey));
		if (!postgres.password().isEmpty()) {
			arguments.add("--spring.datasource.password=" + postgres.password());
		}
		arguments.addAll(rabbit.arguments());
		arguments.addAll(tenant.arguments(graph.baseUrl(), genesys.baseUrl()));
		arguments.addAll(extraArguments);
		return arguments;
	}

	/**
	 * Every customer of the test writes first, so that agents may answer them (WhatsApp's 24-hour window).
	 */
	private void prime(Messages messages, Traffic traffic, GenesysRecorder genesys) throws InterruptedException {
		timeline.begin("priming", false);
		List<Message> first = new ArrayList<>();
		IntStream.rangeClosed(1, CUSTOMERS).forEach(c -> first.add(messages.inbound(c)));
		first.add(messages.inbound(BURST_CUSTOMER));
		first.add(messages.inbound(DOUBLE_POST_CUSTOMER));
		join(traffic.atOnce(first));
		long started = System.nanoTime();
		while (first.stream().anyMatch(m -> genesys.arrivals(m.id()).isEmpty())
				&& System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)) {
			Thread.sleep(100);
		}
		timeline.note(first.stream().filter(m -> !genesys.arrivals(m.id()).isEmpty()).count() + " of " + first.size()
				+ " customers' first messages reached Genesys");
	}

	private void faults(Messages messages, Traffic traffic, FaultDatabase database, GenesysRecorder genesys,
			GraphRecorder graph) throws Exception {
		Thread.sleep(15_000);
		timeline.note("consumers of the shard queues: " + consumers(broker.consumers(rabbit.prefix())));

		timeline.begin("worker 1 SIGKILL", true);
		cluster.kill(1);
		timeline.note("worker 1 killed (SIGKILL)");
		Thread.sleep(3_000);
		timeline.note("worker 1 ready again after " + cluster.restart(1).toMillis() + " ms");
		Thread.sleep(5_000);

		timeline.begin("broker stopped and started", false);
		brokerRestart();

		outage(genesys);
		outage(graph);

		timeline.begin("burst of " + BURST + " from one customer", false);
		List<Message> burst = IntStream.range(0, BURST).mapToObj(i -> messages.inbound(BURST_CUSTOMER)).toList();
		long started = System.nanoTime();
		traffic.inSequence(burst);
		timeline.note(BURST + " messages of customer " + BURST_CUSTOMER + " acknowledged in "
				+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
		Thread.sleep(5_000);

		timeline.begin("one id on " + CONNECTIONS + " connections", false);
		Message inbound = messages.inbound(DOUBLE_POST_CUSTOMER);
		timeline.note(inbound.id() + " posted on " + CONNECTIONS + " connections at once: answers "
				+ traffic.onConnections(inbound, CONNECTIONS));
		Message outbound = messages.outbound(DOUBLE_POST_CUSTOMER);
		timeline.note(outbound.id() + " posted on " + CONNECTIONS + " connections at once: answers "
				+ traffic.onConnections(outbound, CONNECTIONS));
		Thread.sleep(3_000);

		timeline.begin("database connections terminated", false);
		timeline.note(database.terminateConnections() + " connections to the database terminated");
		Thread.sleep(10_000);

		timeline.begin("edge SIGKILL", true);
		edgeKill(messages, traffic, database);
	}

	private void brokerRestart() throws Exception {
		Map<String, Integer> before = broker.consumers(rabbit.prefix());
		timeline.note("consumers of the shard queues before: " + consumers(before));
		broker.stop();
		timeline.note("broker stopped (rabbitmqctl stop)");
		Thread.sleep(10_000);
		long started = System.nanoTime();
		broker.start(Duration.ofSeconds(60));
		timeline.note("broker answering again after " + millisSince(started) + " ms");
		long waitFrom = System.nanoTime();
		Map<String, Integer> queues = Map.of();
		while (System.nanoTime() - waitFrom < TimeUnit.SECONDS.toNanos(60)) {
			queues = broker.consumers(rabbit.prefix());
			if (returned(before, queues)) {
				consumersReturned = true;
				break;
			}
			Thread.sleep(500);
		}
		if (consumersReturned) {
			timeline.note("every consumer is back (" + consumers(queues) + "), " + millisSince(started)
					+ " ms after the broker was started");
		}
		else {
			Map<String, Integer> after = queues;
			timeline.note("60 s after the broker was back, consumers of the shard queues: " + consumers(after)
					+ "; fewer than before on " + before.keySet().stream()
							.filter(q -> after.getOrDefault(q, 0) < before.get(q)).count() + " queues");
		}
	}

	private static boolean returned(Map<String, Integer> before, Map<String, Integer> after) {
		return !before.isEmpty() && before.entrySet().stream()
				.allMatch(q -> after.getOrDefault(q.getKey(), 0) >= q.getValue());
	}

	/**
	 * @return how many queues have how many consumers, e.g. {@code {2=56}}: 56 queues with 2 consumers each.
	 */
	private static Map<Integer, Long> consumers(Map<String, Integer> queues) {
		return queues.values().stream().collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
	}

	private void outage(RecordingStandIn platform) throws InterruptedException {
		timeline.begin(platform.name() + " 503, then refusing", false);
		platform.answer503(true);
		timeline.note(platform.name() + " answers 503 for " + OUTAGE_HALF.toSeconds() + " s");
		Thread.sleep(OUTAGE_HALF.toMillis());
		platform.refuseConnections();
		platform.answer503(false);
		timeline.note(platform.name() + " refuses connections for " + OUTAGE_HALF.toSeconds() + " s");
		Thread.sleep(OUTAGE_HALF.toMillis());
		platform.acceptConnections();
		timeline.note(platform.name() + " answers again");
		Thread.sleep(5_000);
	}

	/**
	 * A batch of new customers write at once; the edge is killed as soon as some of their work sits in the outbox.
	 */
	private void edgeKill(Messages messages, Traffic traffic, FaultDatabase database) throws Exception {
		List<Message> batch = IntStream.range(FIRST_NEW_CUSTOMER, FIRST_NEW_CUSTOMER + EDGE_KILL_BATCH)
				.mapToObj(messages::inbound).toList();
		List<Thread> senders = traffic.atOnce(batch);
		long started = System.nanoTime();
		int outbox = 0;
		while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5)) {
			outbox = database.workItems();
			if (outbox > 0 && batch.stream().filter(Message::acknowledged).count() >= 10) {
				break;
			}
			Thread.sleep(10);
		}
		long acknowledged = batch.stream().filter(Message::acknowledged).count();
		cluster.kill(0);
		timeline.note("edge killed (SIGKILL) with " + outbox + " work items in the outbox, " + acknowledged + " of "
				+ EDGE_KILL_BATCH + " new customers' messages acknowledged");
		Thread.sleep(2_000);
		timeline.note("edge ready again after " + cluster.restart(0).toMillis() + " ms");
		join(senders);
		Thread.sleep(5_000);
	}

	/**
	 * Waits until every acknowledged message is delivered and every delivered agent message has its receipt, until
	 * nothing has moved for a while with nothing left in flight, or until the deadline.
	 */
	private void drain(Messages messages, GenesysRecorder genesys, GraphRecorder graph, StatusWebhooks statuses,
			FaultDatabase database) throws Exception {
		timeline.log("waiting for the backlog to drain");
		long lastChange = System.nanoTime();
		long lastLog = 0;
		String last = "";
		while (System.nanoTime() < deadline) {
			long inbound = messages.of(Direction.INBOUND).stream()
					.filter(m -> m.acknowledged() && genesys.arrivals(m.id()).isEmpty()).count();
			List<Message> outbound = messages.of(Direction.OUTBOUND);
			long sends = outbound.stream().filter(m -> m.acknowledged() && graph.arrivals(m.id()).isEmpty()).count();
			long receipts = outbound.stream().filter(m -> !graph.arrivals(m.id()).isEmpty()
					&& !genesys.receipts(m.id()).contains("Delivered")).count();
			String now = inbound + " customer messages not yet at Genesys, " + sends + " agent messages not yet at "
					+ "Meta, " + receipts + " receipts not yet at Genesys, " + statuses.pending()
					+ " status webhooks pending";
			if (inbound + sends + receipts == 0) {
				timeline.log("drained: " + now);
				return;
			}
			if (!now.equals(last)) {
				last = now;
				lastChange = System.nanoTime();
			}
			if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(10)) {
				timeline.log("  " + now);
				lastLog = System.nanoTime();
			}
			if (System.nanoTime() - lastChange > QUIET_BEFORE_GIVING_UP.toNanos() && statuses.pending() == 0
					&& database.workItems() == 0
					&& broker.messages(rabbit.prefix()) == 0) {
				timeline.log("nothing moved for " + QUIET_BEFORE_GIVING_UP.toSeconds()
						+ " s and no work is queued: " + now);
				return;
			}
			Thread.sleep(500);
		}
		timeline.log("stopped waiting at the time limit: " + last);
	}

	/**
	 * Asks the admin API for the dead letters, each with its payload, in which the ids of this run's messages are
	 * found; the wamids the Graph stand-in issued stand for the agent messages they were sent for. Messages still in
	 * the dead-letter queues, which the product drains into its table, are counted as well.
	 *
	 * @return the ids of the messages the product parked.
	 */
	private Set<String> deadLetters(EdgeClient edge, GraphRecorder graph) throws Exception {
		List<String> texts = new ArrayList<>();
		Map<String, Integer> perChannel = new TreeMap<>();
		for (JsonNode letter : allDeadLetters(edge)) {
			perChannel.merge(letter.path("channel").asString(), 1, Integer::sum);
			texts.add(edge.get("/api/admin/dead-letters/" + letter.path("id").asLong(), adminKey));
		}
		Map<String, List<String>> queued = rabbit.deadLetters();
		queued.values().forEach(texts::addAll);
		notes.add("dead letters (GET /api/admin/dead-letters): " + (perChannel.isEmpty() ? "none" : perChannel)
				+ "; still in the dead-letter queues: " + queued.values().stream().mapToInt(List::size).sum());
		Pattern ids = Pattern.compile("wamid\\.FAULTOUT" + runTag + "N\\d+|wamid\\.FAULT" + runTag
				+ "C\\d+N\\d+|\\b[0-9a-f]{12}" + runTag + "[0-9a-f]{12}\\b");
		Set<String> found = new HashSet<>();
		for (String text : texts) {
			Matcher matcher = ids.matcher(text);
			while (matcher.find()) {
				String id = matcher.group();
				found.add(id.startsWith("wamid.FAULTOUT") ? String.valueOf(graph.callbackOf(id)) : id);
			}
		}
		return found;
	}

	/**
	 * Pages through the admin API's list, newest first, each page older than the last one's oldest (plus a
	 * microsecond, so that letters sharing that instant are not skipped; ids already seen are dropped).
	 */
	private List<JsonNode> allDeadLetters(EdgeClient edge) throws Exception {
		Map<Long, JsonNode> letters = new LinkedHashMap<>();
		String cursor = "";
		while (true) {
			int before = letters.size();
			Instant oldest = null;
			for (JsonNode letter : RecordingStandIn.json(edge.get("/api/admin/dead-letters?limit=500" + cursor,
					adminKey))) {
				letters.putIfAbsent(letter.path("id").asLong(), letter);
				Instant at = Instant.parse(letter.path("deadLetteredAt").asString());
				oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
			}
			if (letters.size() == before || oldest == null) {
				return new ArrayList<>(letters.values());
			}
			cursor = "&olderThan=" + oldest.plus(1, ChronoUnit.MICROS);
		}
	}

	private String text(FaultReport report) {
		StringBuilder out = new StringBuilder("Fault test: one edge and two workers on PostgreSQL (" + postgres.database()
				+ ") and RabbitMQ " + rabbit.version() + ", " + CUSTOMERS + " customers, about " + (int) PER_SECOND
				+ " messages/s each way\n\nTimeline\n");
		for (Timeline.Phase phase : timeline.phases()) {
			out.append("  %-34s %5.1f s%s%n".formatted(phase.name(), (phase.end() - phase.start()) / 1e9,
					phase.sigkill() ? "  (SIGKILL: duplicates allowed)" : ""));
			phase.notes().forEach(note -> out.append("      ").append(note).append('\n'));
		}
		out.append(report.render()).append('\n');
		notes.forEach(note -> out.append(note).append('\n'));
		return out.toString();
	}

	private static void join(List<Thread> threads) throws InterruptedException {
		for (Thread thread : threads) {
			thread.join(Duration.ofSeconds(75));
		}
	}

	private static long millisSince(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
	}
}

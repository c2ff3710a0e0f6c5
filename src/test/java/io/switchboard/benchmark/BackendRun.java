package io.switchboard.benchmark;

import io.switchboard.benchmark.Webhooks.Signed;
import io.switchboard.harness.AppProcess;
import io.switchboard.harness.ProcFs;
import io.switchboard.harness.StandInTenant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * One run of the application against one database backend: starts the stand-ins and the application, then goes
 * through the phases in an order that keeps them from disturbing each other as far as possible: priming (every
 * customer writes, which also warms up the JIT of both JVMs), the reference endpoint (on the production backends only
 * its warm-up), outbound relay latency and pacing (before any inbound backlog exists), a 100 MB document (with no backlog beside it),
 * inbound at fixed rates, the
 * inbound ceiling (then its backlog drains), outbound acknowledgements at a fixed rate and last the outbound ceiling,
 * whose paced backlog is left behind when the application stops. On the embedded defaults a second, edge-only process
 * then measures the inbound ceiling without the relay beside it. Every phase is bounded in count and time, and
 * skipped with a note when the run's time budget would not hold it.
 */
final class BackendRun {

	/**
	 * A database backend for the application.
	 *
	 * @param name how the report names it.
	 * @param database what it is, for the report.
	 * @param arguments the application's command-line arguments that select it.
	 * @param full whether these are the embedded defaults, which get every phase, or a production backend, which gets
	 *        only the phases that depend on the database (acknowledgements, relay at 1,000/s, ceilings).
	 * @param postmasterPid the external PostgreSQL server's main process; 0 for the embedded one.
	 * @param brokerPid the RabbitMQ broker's process when the work goes over RabbitMQ, else 0.
	 */
	record Backend(String name, String database, List<String> arguments, boolean full, long postmasterPid,
			long brokerPid) {}

	static final String REFERENCE = "GET /webhook/whatsapp?hub.mode=subscribe&… (handshake)";
	private static final int[] RATES = { 100, 500, 1000 };
	private static final long STARTED = System.nanoTime();
	static final int FIXED_SECONDS = 10;
	static final int WARM_UP_SECONDS = 8;
	static final int EDGE_WARM_UP_SECONDS = 20;
	private static final int OUTBOUND_RELAY_RATE = 50;
	private static final int PACED_MESSAGES = 800;

	private final BenchmarkSettings settings;
	private final Backend backend;
	private final Ceiling ceiling;
	private final HttpClient http;
	private final QuietMachine quiet;
	private final long deadline;
	private final StandInTenant tenant;
	private final Webhooks webhooks;
	private final Path dir;
	private final Results results;
	private AppProcess app;
	private GenesysStandIn genesys;
	private GraphStandIn graph;
	private CpuMeter cpu;

	BackendRun(BenchmarkSettings settings, Backend backend, Ceiling ceiling, HttpClient http, QuietMachine quiet,
			long deadline, String runTag) {
		this.settings = settings;
		this.quiet = quiet;
		this.backend = backend;
		this.ceiling = ceiling;
		this.http = http;
		this.deadline = deadline;
		this.tenant = StandInTenant.fresh("bench", settings.messagesPerSecond());
		this.webhooks = new Webhooks(tenant, settings.customers(), runTag);
		this.dir = settings.runDir().resolve(runTag);
		this.results = new Results(backend.name(), backend.database(), backend.full());
	}

	Results run() throws Exception {
		try (GenesysStandIn genesys = new GenesysStandIn();
				GraphStandIn graph = new GraphStandIn(settings.messagesPerSecond())) {
			this.genesys = genesys;
			this.graph = graph;
			quiet.await(new CpuMeter(0, backend.postmasterPid(), backend.brokerPid()), Duration.ofSeconds(30));
			try (AppProcess started = start(dir, List.of())) {
				app = started;
				results.startup = app.awaitReady(http, Duration.ofSeconds(120));
				cpu = new CpuMeter(app.pid(), postmaster(dir), backend.brokerPid());
				log("ready after " + results.startup.toMillis() + " ms");
				Thread.sleep(2000);
				results.idleRss = app.residentBytes().orElse(0);
				results.idleDatabasePss = databasePss();
				phases();
				if (!app.alive()) {
					results.notes.add("The application died during the run; its log ends with: " + app.tail(20));
				}
				stopped(app);
			}
			finally {
				stopOrphanedPostgres(dir);
			}
			if (backend.full() && settings.runs(BenchmarkSettings.Phase.RELAY)
					&& fits(2 * settings.ceilingSeconds() + EDGE_WARM_UP_SECONDS + 25,
					"ceilings of an edge-only process")) {
				edgeOnlyCeilings();
			}
			results.tokenRequests = genesys.tokens();
			results.duplicatesAtGenesys = genesys.duplicates();
		}
		return results;
	}

	private AppProcess start(Path workDir, List<String> extra) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--switchboard.sandbox.enabled=false",
				"--switchboard.encryption-key=" + StandInTenant.encryptionKey(),
				"--switchboard.database.data-dir=" + workDir.resolve("postgres")));
		arguments.addAll(tenant.arguments(graph.baseUrl(), genesys.baseUrl()));
		arguments.addAll(backend.arguments());
		arguments.addAll(extra);
		log("starting the application " + String.join(" ", extra));
		return AppProcess.start(settings.jar(), workDir, settings.appJvmOptions(), arguments);
	}

	private void phases() throws Exception {
		boolean relay = settings.runs(BenchmarkSettings.Phase.RELAY);
		if (!relay) {
			if (backend.full() && settings.runs(BenchmarkSettings.Phase.MEDIA) && fits(60, "media relay")) {
				results.media = media();
			}
			return;
		}
		int wrkSeconds = settings.ceilingSeconds();
		if (fits(20, "priming")) {
			prime();
		}
		if (backend.full() && fits(2 * wrkSeconds + 2 * WARM_UP_SECONDS + 10, "reference endpoint")) {
			reference();
		}
		else if (!backend.full() && fits(WARM_UP_SECONDS, "warm-up")) {
			log("warming up");
			ceiling.run(handshake(), null, i -> HttpRequest.newBuilder(handshake()).build(), 200,
					Duration.ofSeconds(WARM_UP_SECONDS), http);
		}
		if (backend.full() && fits(10, "outbound relay latency")) {
			results.outboundRelay = outboundRelay();
		}
		if (backend.full() && fits(PACED_MESSAGES / settings.messagesPerSecond() + 10, "outbound pacing")) {
			results.pacing = pacing();
		}
		if (backend.full() && settings.runs(BenchmarkSettings.Phase.MEDIA) && fits(60, "media relay")) {
			results.media = media();
		}
		for (int rate : RATES) {
			if ((backend.full() || rate == 1000) && fits(FIXED_SECONDS + 10, "inbound at " + rate + "/s")) {
				results.inbound.put(rate, inbound(rate));
			}
		}
		if (fits(wrkSeconds + 40, "inbound ceiling")) {
			results.inboundCeiling = inboundCeiling(wrkSeconds);
		}
		if (fits(8, "outbound acknowledgements at 1,000/s")) {
			results.outboundAck = outboundAck();
		}
		if (fits(wrkSeconds + 5, "outbound ceiling")) {
			results.outboundCeiling = outboundCeiling(wrkSeconds);
		}
	}

	/**
	 * The ceilings once more, from a second process that only has the edge role: it acknowledges and stores but
	 * relays nothing, which separates what the acknowledgement path costs from what the relay running beside it takes
	 * away.
	 */
	private void edgeOnlyCeilings() throws Exception {
		Path edgeDir = dir.resolve("edge");
		try (AppProcess edge = start(edgeDir, List.of("--switchboard.roles=edge"))) {
			edge.awaitReady(http, Duration.ofSeconds(120));
			CpuMeter edgeCpu = new CpuMeter(edge.pid(), postmaster(edgeDir), 0);
			URI inbound = edge.url(Webhooks.WHATSAPP);
			log("edge only: warming up");
			ceiling(inbound, forWrk("edge-warm-up", webhooks.inbound(EDGE_WARM_UP_SECONDS * 6000)),
					EDGE_WARM_UP_SECONDS);
			ForWrk measured = forWrk("edge-inbound", webhooks.inbound(settings.ceilingSeconds() * 6000));
			log("edge only: inbound ceiling");
			var before = edgeCpu.snapshot();
			Ceiling.Result result = ceiling(inbound, measured, settings.ceilingSeconds());
			results.inboundCeilingEdgeOnly = new Results.CeilingRun("POST /webhook/whatsapp, edge role only", result,
					edgeCpu.since(before), null, null);
			log("edge only: " + result);
			URI outbound = edge.url(Webhooks.GENESYS);
			ceiling(outbound, forWrk("edge-warm-up", webhooks.outbound(WARM_UP_SECONDS / 2 * 6000, 0)),
					WARM_UP_SECONDS / 2);
			measured = forWrk("edge-outbound", webhooks.outbound(settings.ceilingSeconds() * 8000, 0));
			log("edge only: outbound ceiling");
			before = edgeCpu.snapshot();
			result = ceiling(outbound, measured, settings.ceilingSeconds());
			results.outboundCeilingEdgeOnly = new Results.CeilingRun("POST /webhook/genesys/outbound, edge role only",
					result, edgeCpu.since(before), null, null);
			log("edge only: " + result);
			stopped(edge);
		}
		finally {
			stopOrphanedPostgres(edgeDir);
		}
	}

	/**
	 * Stops the application and notes when it did not exit promptly on SIGTERM.
	 */
	private void stopped(AppProcess process) {
		Duration took = process.stop();
		if (took.compareTo(AppProcess.GRACE) >= 0) {
			results.notes.add("The application (log in target/benchmark/.../" + process.log().getParent().getFileName()
					+ ") had not exited " + AppProcess.GRACE.toSeconds() + " s after SIGTERM and was killed.");
		}
	}

	/**
	 * @return the main process of the PostgreSQL the application uses: the external server's, or the embedded one's
	 *         from the {@code postmaster.pid} in its data directory.
	 */
	private long postmaster(Path workDir) {
		if (backend.postmasterPid() > 0) {
			return backend.postmasterPid();
		}
		try {
			return Long.parseLong(Files.readAllLines(workDir.resolve("postgres").resolve("postmaster.pid")).getFirst()
					.strip());
		}
		catch (IOException | RuntimeException none) {
			return 0;
		}
	}

	/**
	 * The embedded PostgreSQL detaches from the application (pg_ctl), so if the application had to be killed it is
	 * stopped here.
	 */
	private void stopOrphanedPostgres(Path workDir) {
		if (backend.postmasterPid() > 0) {
			return;
		}
		long pid = postmaster(workDir);
		if (pid > 0) {
			ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(postgres -> {
				log("stopping the embedded PostgreSQL the application left behind");
				postgres.destroy();
			});
		}
	}

	/**
	 * Webhooks written for one wrk run (wrk starts each file from the top, so a file serves one run only).
	 */
	private record ForWrk(Path file, List<Signed> hooks) {}

	private ForWrk forWrk(String name, List<Signed> hooks) throws IOException {
		Path file = dir.resolve(name);
		Webhooks.writeForWrk(file, ceiling.threads(), hooks);
		return new ForWrk(file, hooks);
	}

	/**
	 * Runs wrk (or the Java loop) over prepared webhooks, then deletes their files.
	 */
	private Ceiling.Result ceiling(URI url, ForWrk webhooks, int seconds) throws Exception {
		List<Signed> hooks = webhooks.hooks();
		Ceiling.Result result = ceiling.run(url, webhooks.file(), i -> Webhooks.request(url, hooks.get(i % hooks.size())),
				200, Duration.ofSeconds(seconds), http);
		deleteForWrk(webhooks.file());
		if (result.wraps() > 0) {
			results.notes.add(webhooks.file().getFileName() + ": wrk ran out of distinct webhooks " + result.wraps()
					+ " times; the repeats were acknowledged as duplicates.");
		}
		return result;
	}

	private static void deleteForWrk(Path base) throws IOException {
		for (int t = 1; t <= 8; t++) {
			Files.deleteIfExists(Path.of(base + "." + t));
		}
	}

	/**
	 * The stack alone, measured on the embedded defaults only, since it does not touch the database: Meta's
	 * verification handshake, {@code GET /webhook/whatsapp?hub.mode=subscribe&...}, answered {@code 200 text/plain}
	 * with the challenge by the same controller, with no body to read, no HMAC and no database. Then a webhook with a
	 * wrong signature: the body is read and its HMAC computed, then a 401 problem, still no database.
	 */
	private void reference() throws Exception {
		URI handshake = handshake();
		IntFunction<HttpRequest> get = i -> HttpRequest.newBuilder(handshake).timeout(Duration.ofSeconds(30)).build();
		log("reference: warming up");
		ceiling.run(handshake, null, get, 200, Duration.ofSeconds(WARM_UP_SECONDS), http);
		log("reference: ceiling");
		var before = cpu.snapshot();
		Ceiling.Result reference = ceiling.run(handshake, null, get, 200, Duration.ofSeconds(settings.ceilingSeconds()),
				http);
		results.reference = new Results.CeilingRun(REFERENCE, reference, cpu.since(before), null, null);
		log("reference: " + reference);

		{
			Signed real = webhooks.inbound(1).getFirst();
			Signed forged = new Signed(real.id(), real.body(), "sha256=" + "0".repeat(64));
			Path file = dir.resolve("forged");
			Webhooks.writeForWrk(file, ceiling.threads(), List.of(forged, forged));
			URI whatsapp = app.url(Webhooks.WHATSAPP);
			IntFunction<HttpRequest> forgedRequests = i -> Webhooks.request(whatsapp, forged);
			ceiling.run(whatsapp, file, forgedRequests, 401, Duration.ofSeconds(WARM_UP_SECONDS / 2), http);
			before = cpu.snapshot();
			Ceiling.Result rejected = ceiling.run(whatsapp, file, forgedRequests, 401,
					Duration.ofSeconds(settings.ceilingSeconds()), http);
			deleteForWrk(file);
			results.rejectedSignature = new Results.CeilingRun("POST /webhook/whatsapp, wrong signature (401)",
					rejected, cpu.since(before), null, null);
			log("reference with HMAC: " + rejected);
		}

		List<HttpRequest> gets = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			gets.add(get.apply(i));
		}
		before = cpu.snapshot();
		OpenLoop.Outcome outcome = OpenLoop.run(http, gets, 1000, Duration.ofSeconds(8));
		results.referenceOpenLoop = new Results.Fixed(REFERENCE, 1000, outcome.sent(),
				outcome.failures(), outcome.firstFailure(), outcome.latencies(), Latency.NONE, 0, cpu.since(before),
				Duration.ZERO);
		log("reference at 1,000/s: " + outcome.latencies());
	}

	private URI handshake() {
		return app.url(Webhooks.WHATSAPP + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="
				+ tenant.verifyToken().reveal());
	}

	/**
	 * Every customer writes twice at 250/s, so that outbound messages to them are inside the 24-hour window; this
	 * also warms up the whole inbound path.
	 */
	private void prime() throws Exception {
		log("priming " + settings.customers() + " customers");
		List<Signed> hooks = webhooks.inbound(settings.customers() * 2);
		OpenLoop.Outcome outcome = OpenLoop.run(http, requests(Webhooks.WHATSAPP, hooks), 250, Duration.ofSeconds(12));
		awaitDelivered("Priming", hooks, outcome, genesys::arrival, Duration.ofSeconds(30));
		if (outcome.failures() > 0) {
			results.notes.add("Priming: " + outcome.failures() + " webhooks failed, first: " + outcome.firstFailure());
		}
	}

	/**
	 * @return how long a fixed rate is sent: {@link #FIXED_SECONDS}, half that at 100/s, where fewer samples suffice.
	 */
	static int seconds(int rate) {
		return rate <= 100 ? FIXED_SECONDS / 2 : FIXED_SECONDS;
	}

	private Results.Fixed inbound(int rate) throws Exception {
		log("inbound at " + rate + "/s");
		List<Signed> hooks = webhooks.inbound(rate * seconds(rate));
		List<HttpRequest> requests = requests(Webhooks.WHATSAPP, hooks);
		var before = cpu.snapshot();
		OpenLoop.Outcome outcome;
		try (RssSampler rss = RssSampler.start(app.pid())) {
			outcome = OpenLoop.run(http, requests, rate, Duration.ofSeconds(seconds(rate) + 5));
			if (rate == 1000) {
				results.databasePssUnderLoad = databasePss();
			}
			CpuMeter.Split split = cpu.since(before);
			Duration drain = awaitDelivered("Inbound at " + rate + "/s", hooks, outcome, genesys::arrival,
					Duration.ofSeconds(15));
			if (rate == 1000) {
				results.peakRssUnderLoad = rss.peakBytes();
			}
			return fixed(Webhooks.WHATSAPP, rate, hooks, outcome, genesys::arrival, split, drain);
		}
	}

	/**
	 * One 100 MB document from a customer to the agent ({@link MediaRelay}).
	 */
	private Results.Media media() throws Exception {
		log("media relay: a " + MediaRelay.SIZE / 1_000_000 + " MB document");
		Results.Media media = MediaRelay.run(app, graph, genesys, webhooks, cpu, http, dir);
		log("media relay: " + (media.intact() ? "intact" : "NOT intact " + media.fetched()) + ", relayed in "
				+ (media.relayed() == null ? "–" : media.relayed().toMillis() + " ms") + " (plain copy "
				+ media.plainCopy().toMillis() + " ms), heap " + media.baseline().used() / 1_000_000 + " → peak "
				+ media.peak().used() / 1_000_000 + " MB (old generation " + media.baseline().old() / 1_000_000
				+ " → " + media.peak().old() / 1_000_000 + " MB), " + media.collections() + " collections, "
				+ media.samples() + " samples");
		if (!media.intact()) {
			results.notes.add("Media relay: the document did not reach the Genesys stand-in intact: "
					+ media.fetched());
		}
		return media;
	}

	/**
	 * Agent messages at a rate below the tenant's limit, so that none waits for pacing: the relay latency outbound.
	 */
	private Results.Fixed outboundRelay() throws Exception {
		log("outbound relay at " + OUTBOUND_RELAY_RATE + "/s");
		List<Signed> hooks = webhooks.outbound(OUTBOUND_RELAY_RATE * 5, 0);
		var before = cpu.snapshot();
		OpenLoop.Outcome outcome = OpenLoop.run(http, requests(Webhooks.GENESYS, hooks), OUTBOUND_RELAY_RATE,
				Duration.ofSeconds(8));
		CpuMeter.Split split = cpu.since(before);
		Duration drain = awaitDelivered("Outbound relay", hooks, outcome, graph::arrival, Duration.ofSeconds(15));
		return fixed(Webhooks.GENESYS, OUTBOUND_RELAY_RATE, hooks, outcome, graph::arrival, split, drain);
	}

	/**
	 * 800 agent messages to 800 distinct customers, pushed as fast as the webhook takes them.
	 */
	private Results.Pacing pacing() throws Exception {
		Thread.sleep(1500);
		log("outbound pacing: " + PACED_MESSAGES + " messages, limit " + settings.messagesPerSecond() + "/s");
		List<Signed> hooks = webhooks.outbound(PACED_MESSAGES, 0);
		int rejectedBefore = graph.rejections();
		var before = cpu.snapshot();
		OpenLoop.Outcome outcome = OpenLoop.run(http, requests(Webhooks.GENESYS, hooks), 4000, Duration.ofSeconds(5));
		awaitDelivered("Pacing", hooks, outcome, graph::arrival,
				Duration.ofSeconds(PACED_MESSAGES / settings.messagesPerSecond() + 30));
		CpuMeter.Split split = cpu.since(before);
		long[] arrivals = hooks.stream().mapToLong(h -> graph.arrival(h.id())).filter(a -> a != 0).sorted().toArray();
		if (arrivals.length < 2) {
			results.notes.add("Pacing: only " + arrivals.length + " sends arrived");
			return new Results.Pacing(settings.messagesPerSecond(), PACED_MESSAGES, arrivals.length, 0, 0, 0, 0,
					graph.rejections() - rejectedBefore, split);
		}
		double span = (arrivals[arrivals.length - 1] - arrivals[0]) / 1e9;
		return new Results.Pacing(settings.messagesPerSecond(), PACED_MESSAGES, arrivals.length, span,
				arrivals.length / (span + 1), steadyRate(arrivals),
				graph.mostInAnySecond(arrivals[0], arrivals[arrivals.length - 1]), graph.rejections() - rejectedBefore,
				split);
	}

	/**
	 * @return the least-squares slope of send number over arrival time, leaving out the first second.
	 */
	private static double steadyRate(long[] sortedArrivals) {
		long from = sortedArrivals[0] + 1_000_000_000L;
		double n = 0;
		double sumT = 0;
		double sumI = 0;
		double sumTT = 0;
		double sumTI = 0;
		for (int i = 0; i < sortedArrivals.length; i++) {
			if (sortedArrivals[i] >= from) {
				double t = (sortedArrivals[i] - from) / 1e9;
				n++;
				sumT += t;
				sumI += i;
				sumTT += t * t;
				sumTI += t * i;
			}
		}
		double denominator = n * sumTT - sumT * sumT;
		return n < 2 || denominator == 0 ? Double.NaN : (n * sumTI - sumT * sumI) / denominator;
	}

	private Results.CeilingRun inboundCeiling(int seconds) throws Exception {
		log("inbound ceiling");
		ForWrk prepared = forWrk("inbound", webhooks.inbound(seconds * 8000));
		URI url = app.url(Webhooks.WHATSAPP);
		int relayedBefore = genesys.messages();
		long start = System.nanoTime();
		var before = cpu.snapshot();
		Ceiling.Result result = ceiling(url, prepared, seconds);
		CpuMeter.Split split = cpu.since(before);
		log("inbound ceiling: " + result + "; draining the relay backlog");
		long expected = Math.min(result.answered(), prepared.hooks().size());
		long lastGrowth = System.nanoTime();
		int seen = genesys.messages();
		long limit = System.nanoTime() + Duration.ofSeconds(Math.min(15, Math.max(5, remainingSeconds() - 60))).toNanos();
		while (genesys.messages() - relayedBefore < expected && System.nanoTime() < limit
				&& System.nanoTime() - lastGrowth < 5_000_000_000L) {
			Thread.sleep(100);
			if (genesys.messages() != seen) {
				seen = genesys.messages();
				lastGrowth = System.nanoTime();
			}
		}
		int relayed = genesys.messages() - relayedBefore;
		double relaySeconds = (lastGrowth - start) / 1e9;
		if (relayed < expected) {
			results.notes.add("Inbound ceiling: " + relayed + " of " + expected
					+ " acknowledged messages were relayed before the drain limit; the rest was left in work_items.");
		}
		return new Results.CeilingRun("POST /webhook/whatsapp", result, split, relayed, relayed / relaySeconds);
	}

	private Results.Fixed outboundAck() throws Exception {
		log("outbound acknowledgements at 1,000/s");
		List<Signed> hooks = webhooks.outbound(5000, 0);
		var before = cpu.snapshot();
		OpenLoop.Outcome outcome = OpenLoop.run(http, requests(Webhooks.GENESYS, hooks), 1000, Duration.ofSeconds(8));
		return new Results.Fixed(Webhooks.GENESYS, 1000, outcome.sent(), outcome.failures(), outcome.firstFailure(),
				outcome.latencies(), Latency.NONE, 0, cpu.since(before), Duration.ZERO);
	}

	private Results.CeilingRun outboundCeiling(int seconds) throws Exception {
		log("outbound ceiling");
		ForWrk prepared = forWrk("outbound", webhooks.outbound(seconds * 8000, 0));
		URI url = app.url(Webhooks.GENESYS);
		var before = cpu.snapshot();
		Ceiling.Result result = ceiling(url, prepared, seconds);
		CpuMeter.Split split = cpu.since(before);
		log("outbound ceiling: " + result);
		return new Results.CeilingRun("POST /webhook/genesys/outbound", result, split, null, null);
	}

	private Results.Fixed fixed(String endpoint, int rate, List<Signed> hooks, OpenLoop.Outcome outcome,
			ToLongFunction<String> arrival, CpuMeter.Split split, Duration drain) {
		long[] relay = new long[hooks.size()];
		Arrays.fill(relay, -1);
		int delivered = 0;
		for (int i = 0; i < hooks.size(); i++) {
			long at = arrival.applyAsLong(hooks.get(i).id());
			if (outcome.latency()[i] >= 0 && at != 0) {
				relay[i] = at - outcome.due()[i];
				delivered++;
			}
		}
		if (outcome.failures() > 0) {
			results.notes.add(endpoint + " at " + rate + "/s: " + outcome.failures() + " requests failed, first: "
					+ outcome.firstFailure());
		}
		return new Results.Fixed(endpoint, rate, outcome.sent(), outcome.failures(), outcome.firstFailure(),
				outcome.latencies(), Latency.ofNanos(relay), delivered, split, drain);
	}

	/**
	 * Waits until every acknowledged webhook's message reached its stand-in, or the limit passed.
	 *
	 * @return from the last request's due time to the last arrival (or to giving up).
	 */
	private Duration awaitDelivered(String phase, List<Signed> hooks, OpenLoop.Outcome outcome,
			ToLongFunction<String> arrival,
			Duration limit) throws InterruptedException {
		long lastDue = Arrays.stream(outcome.due()).max().orElse(System.nanoTime());
		long giveUp = System.nanoTime() + limit.toNanos();
		int next = 0;
		while (System.nanoTime() < giveUp) {
			while (next < hooks.size() && (outcome.latency()[next] < 0 || arrival.applyAsLong(hooks.get(next).id()) != 0)) {
				next++;
			}
			if (next == hooks.size()) {
				long last = 0;
				for (int i = 0; i < hooks.size(); i++) {
					last = Math.max(last, arrival.applyAsLong(hooks.get(i).id()));
				}
				return Duration.ofNanos(Math.max(0, last - lastDue));
			}
			Thread.sleep(20);
		}
		results.notes.add(phase + ": not every acknowledged message was relayed within " + limit.toSeconds()
				+ " s of the last one; the rest stayed queued into the next phases.");
		return Duration.ofNanos(System.nanoTime() - lastDue);
	}

	/**
	 * @return the proportional set size of the embedded PostgreSQL's processes; {@literal null} for an external one.
	 */
	private Long databasePss() {
		return backend.postmasterPid() > 0 ? null : ProcFs.proportionalBytesOfTree(postmaster(dir));
	}

	private List<HttpRequest> requests(String path, List<Signed> hooks) {
		URI uri = app.url(path);
		return hooks.stream().map(hook -> Webhooks.request(uri, hook)).toList();
	}

	/**
	 * @return whether the phase fits in the time budget, after waiting (a little) for a quiet machine.
	 */
	private boolean fits(int seconds, String phase) throws InterruptedException {
		if (remainingSeconds() >= seconds) {
			double other = quiet.await(cpu, Duration.ofSeconds(15));
			if (other > QuietMachine.QUIET) {
				log("starting " + phase + " although other processes use " + Report.decimal(other) + " cores");
			}
			return true;
		}
		results.notes.add("Skipped " + phase + ": the benchmark's time budget was used up.");
		log("skipping " + phase + " (time budget)");
		return false;
	}

	private long remainingSeconds() {
		return (deadline - System.nanoTime()) / 1_000_000_000L;
	}

	private void log(String message) {
		System.out.println("[benchmark +" + (System.nanoTime() - STARTED) / 1_000_000_000L + " s] " + backend.name() + ": "
				+ message);
	}
}

package io.switchboard.benchmark;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the throughput ceiling of an endpoint with a closed loop of connections that send as fast as answers come
 * back: wrk with {@code bench/webhooks.lua}, cycling through pre-signed webhooks, or, where wrk is missing and cannot
 * be installed, the same loop in Java (slower: {@link HttpClient} costs far more CPU per request than wrk).
 */
final class Ceiling {

	/**
	 * What one run reached.
	 *
	 * @param generator what generated the load, e.g. {@code wrk -t2 -c32}.
	 * @param answered 2xx answers (other answers for the deliberately rejected reference).
	 * @param unexpected answers with an unexpected status, socket errors and time-outs.
	 * @param wraps how often a wrk thread ran out of distinct webhooks and started again.
	 * @param latency closed-loop latencies as the generator saw them.
	 */
	record Result(String generator, long answered, double perSecond, long unexpected, long wraps, Latency latency,
			Duration duration) {}

	private final Path script;
	private final Path wrk;
	private final int threads;
	private final int connections;

	private Ceiling(Path script, Path wrk, int threads, int connections) {
		this.script = script;
		this.wrk = wrk;
		this.threads = threads;
		this.connections = connections;
	}

	/**
	 * @param install whether to try {@code apt-get install -y wrk} when wrk is not on the PATH.
	 */
	static Ceiling find(Path script, boolean install, int threads, int connections) {
		Optional<Path> wrk = onPath("wrk");
		if (wrk.isEmpty() && install && onPath("apt-get").isPresent()) {
			System.out.println("[benchmark] wrk is missing; trying apt-get install -y wrk");
			try {
				Process apt = new ProcessBuilder("apt-get", "install", "-y", "wrk").inheritIO().start();
				if (!apt.waitFor(180, TimeUnit.SECONDS)) {
					apt.destroyForcibly();
				}
			}
			catch (IOException e) {
				System.out.println("[benchmark] apt-get failed: " + e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			wrk = onPath("wrk");
		}
		if (wrk.isEmpty()) {
			System.out.println("[benchmark] wrk is not available; ceilings use the slower Java closed loop");
		}
		return new Ceiling(script, wrk.orElse(null), threads, connections);
	}

	boolean usesWrk() {
		return wrk != null;
	}

	int threads() {
		return threads;
	}

	/**
	 * Sends requests to {@code url} for {@code duration}.
	 *
	 * @param requestsBase the files written by {@link Webhooks#writeForWrk}, or {@literal null} for a plain GET.
	 * @param javaRequests the same requests for the Java loop, by index.
	 * @param expectedStatus the status counted as answered.
	 */
	Result run(URI url, Path requestsBase, IntFunction<HttpRequest> javaRequests, int expectedStatus,
			Duration duration, HttpClient http) throws IOException, InterruptedException {
		return wrk != null ? wrk(url, requestsBase, expectedStatus, duration)
				: javaLoop(javaRequests, expectedStatus, duration, http);
	}

	private Result wrk(URI url, Path requestsBase, int expectedStatus, Duration duration)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t" + threads, "-c" + connections,
				"-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(), url.toString()));
		if (requestsBase != null) {
			command.addAll(List.of("--", requestsBase.toString()));
		}
		Path output = Files.createTempFile("wrk", ".out");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException("wrk did not finish: " + Files.readString(output));
		}
		String text = Files.readString(output);
		Files.deleteIfExists(output);
		String line = text.lines().filter(l -> l.startsWith("BENCH ")).findFirst()
				.orElseThrow(() -> new IOException("wrk printed no summary: " + text));
		JsonNode summary = JsonMapper.builder().build().readTree(line.substring("BENCH ".length()));
		long requests = summary.path("requests").asLong();
		long statusErrors = summary.path("status_errors").asLong();
		long socketErrors = summary.path("socket_errors").asLong() + summary.path("timeouts").asLong();
		long answered = expectedStatus / 100 == 2 ? requests - statusErrors : statusErrors;
		long unexpected = (expectedStatus / 100 == 2 ? statusErrors : requests - statusErrors) + socketErrors;
		double seconds = summary.path("duration_us").asLong() / 1e6;
		Latency latency = new Latency(requests, summary.path("p50_us").asLong() / 1000.0,
				summary.path("p99_us").asLong() / 1000.0, summary.path("max_us").asLong() / 1000.0);
		return new Result("wrk -t" + threads + " -c" + connections, answered, answered / seconds, unexpected,
				summary.path("wraps").asLong(), latency, Duration.ofMillis((long) (seconds * 1000)));
	}

	private Result javaLoop(IntFunction<HttpRequest> requests, int expectedStatus, Duration duration, HttpClient http)
			throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		AtomicLong answered = new AtomicLong();
		AtomicLong unexpected = new AtomicLong();
		List<long[]> perConnection = new CopyOnWriteArrayList<>();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		ExecutorService loops = Executors.newVirtualThreadPerTaskExecutor();
		for (int c = 0; c < connections; c++) {
			loops.execute(() -> {
				long[] samples = new long[4096];
				int count = 0;
				while (System.nanoTime() < end) {
					long sent = System.nanoTime();
					try {
						int status = http.send(requests.apply(next.getAndIncrement()),
								HttpResponse.BodyHandlers.discarding()).statusCode();
						boolean expected = expectedStatus / 100 == 2 ? status / 100 == 2 : status == expectedStatus;
						(expected ? answered : unexpected).incrementAndGet();
						if (count == samples.length) {
							samples = Arrays.copyOf(samples, count * 2);
						}
						samples[count++] = System.nanoTime() - sent;
					}
					catch (Exception e) {
						unexpected.incrementAndGet();
					}
				}
				perConnection.add(Arrays.copyOf(samples, count));
			});
		}
		loops.shutdown();
		if (!loops.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
			loops.shutdownNow();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] all = perConnection.stream().flatMapToLong(Arrays::stream).toArray();
		return new Result("Java closed loop, " + connections + " connections", answered.get(),
				answered.get() / seconds, unexpected.get(), 0, Latency.ofNanos(all),
				Duration.ofMillis((long) (seconds * 1000)));
	}

	private static Optional<Path> onPath(String program) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String dir : path.split(File.pathSeparator)) {
			Path candidate = Path.of(dir, program);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}
}

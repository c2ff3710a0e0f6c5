package io.switchboard.fault;

import io.switchboard.harness.AppProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The deployment under test: one edge process ({@code --switchboard.roles=edge}) and two workers
 * ({@code --switchboard.roles=worker}) of the packaged jar, sharing one database and one broker, each with a small
 * heap. Worker 1 starts first, so that it holds the active consumers of the shard queues. Processes are killed with
 * SIGKILL and restarted on the same port, each incarnation with its own log.
 */
final class Cluster implements AutoCloseable {

	static final Duration READY_WITHIN = Duration.ofSeconds(90);
	private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

	private final Path jar;
	private final Path runDir;
	private final List<String> arguments;
	private final HttpClient http;
	private final AppProcess[] processes = new AppProcess[3];
	private final int[] incarnations = new int[3];
	private final List<AppProcess> retired = new ArrayList<>();

	/**
	 * @param arguments what every process is started with: database, broker, tenant.
	 */
	Cluster(Path jar, Path runDir, List<String> arguments, HttpClient http) {
		this.jar = jar;
		this.runDir = runDir;
		this.arguments = List.copyOf(arguments);
		this.http = http;
	}

	/**
	 * Starts the edge and worker 1 side by side, then worker 2.
	 */
	void start() throws Exception {
		CompletableFuture<Void> edge = CompletableFuture.runAsync(() -> startOrFail(0, AppProcess.freePort()),
				Thread.ofVirtual()::start);
		startOrFail(1, AppProcess.freePort());
		startOrFail(2, AppProcess.freePort());
		edge.join();
	}

	URI edge() {
		return processes[0].url("");
	}

	static String name(int index) {
		return index == 0 ? "edge" : "worker " + index;
	}

	void kill(int index) throws InterruptedException {
		processes[index].kill();
	}

	/**
	 * Starts a killed process again on its port.
	 *
	 * @return how long it took to be ready.
	 */
	Duration restart(int index) throws Exception {
		retired.add(processes[index]);
		return start(index, processes[index].port());
	}

	/**
	 * @return the processes that are not running although they should be, with the end of their logs.
	 */
	List<String> dead() {
		List<String> dead = new ArrayList<>();
		for (int i = 0; i < processes.length; i++) {
			if (processes[i] != null && !processes[i].alive()) {
				dead.add(name(i) + " exited; its log ends with:\n" + processes[i].tail(30));
			}
		}
		return dead;
	}

	private void startOrFail(int index, int port) {
		try {
			start(index, port);
		}
		catch (Exception e) {
			throw new IllegalStateException(name(index) + " did not start: " + e.getMessage(), e);
		}
	}

	private Duration start(int index, int port) throws Exception {
		String role = index == 0 ? "edge" : "worker";
		String dir = (index == 0 ? "edge" : "worker-" + index) + "-" + (++incarnations[index]);
		List<String> all = new ArrayList<>(arguments);
		all.add("--switchboard.roles=" + role);
		processes[index] = AppProcess.start(jar, runDir.resolve(dir), port, JVM, all);
		return processes[index].awaitReady(http, READY_WITHIN);
	}

	/**
	 * Stops every process at once (SIGTERM, SIGKILL after {@link AppProcess#GRACE}).
	 */
	@Override
	public void close() {
		List<AppProcess> all = new ArrayList<>(retired);
		Stream.of(processes).filter(Objects::nonNull).forEach(all::add);
		List<Thread> stopping = all.stream().map(process -> Thread.ofVirtual().start(process::close)).toList();
		for (Thread thread : stopping) {
			try {
				thread.join();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}
}

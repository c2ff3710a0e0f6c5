package io.switchboard.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The application under test: the packaged jar ({@code java -jar}) or the compiled classes started as a separate
 * process on the JDK this JVM runs on, which is the one the build picked, with its output in a log file. It knows its
 * start-up time, its resident size and how to stop itself together with everything it started (the embedded
 * PostgreSQL), or to die at once ({@link #kill()}), as a crashed process does. The benchmark and the fault test run
 * the jar; application tests that need JVM options of their own (a small heap) run the classes.
 */
public final class AppProcess implements AutoCloseable {

	/** How long the application may take to exit after SIGTERM before it is killed. */
	public static final Duration GRACE = Duration.ofSeconds(15);

	private final Process process;
	private final long startedNanos;
	private final int port;
	private final Path log;

	private AppProcess(Process process, long startedNanos, int port, Path log) {
		this.process = process;
		this.startedNanos = startedNanos;
		this.port = port;
		this.log = log;
	}

	public static AppProcess start(Path jar, Path workDir, List<String> jvmOptions, List<String> arguments)
			throws IOException {
		return start(jar, workDir, freePort(), jvmOptions, arguments);
	}

	/**
	 * Starts the application on a given port, e.g. the port of an earlier process it replaces.
	 */
	public static AppProcess start(Path jar, Path workDir, int port, List<String> jvmOptions, List<String> arguments)
			throws IOException {
		return launch(List.of("-jar", jar.toAbsolutePath().toString()), workDir, port, jvmOptions, arguments);
	}

	/**
	 * Starts {@code mainClass} from the classes of the running tests' class path, without the test classes.
	 */
	public static AppProcess startClasses(String mainClass, Path workDir, List<String> jvmOptions,
			List<String> arguments) throws IOException {
		return startClasses(mainClass, workDir, freePort(), jvmOptions, arguments);
	}

	/**
	 * Starts {@code mainClass} from the classes on a given port, e.g. one that other processes must know beforehand.
	 */
	public static AppProcess startClasses(String mainClass, Path workDir, int port, List<String> jvmOptions,
			List<String> arguments) throws IOException {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String application = Arrays.stream(classpath.split(File.pathSeparator))
				.filter(entry -> !entry.endsWith("test-classes"))
				.collect(Collectors.joining(File.pathSeparator));
		return launch(List.of("-cp", application, mainClass), workDir, port, jvmOptions, arguments);
	}

	private static AppProcess launch(List<String> what, Path workDir, int port, List<String> jvmOptions,
			List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(what);
		command.add("--server.port=" + port);
		command.addAll(arguments);
		Files.createDirectories(workDir);
		Path log = workDir.resolve("application.log");
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile()).start();
		return new AppProcess(process, started, port, log);
	}

	/**
	 * Polls {@code /actuator/health/readiness} every 50 ms until it answers UP.
	 *
	 * @return the time from starting the process to the first UP.
	 */
	public Duration awaitReady(HttpClient http, Duration limit) throws IOException, InterruptedException {
		HttpRequest readiness = HttpRequest.newBuilder(url("/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2)).build();
		long deadline = startedNanos + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The application exited with " + process.exitValue()
						+ " before it was ready; its log ends with:\n" + tail(40));
			}
			try {
				HttpResponse<String> answer = http.send(readiness, HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
					return Duration.ofNanos(System.nanoTime() - startedNanos);
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("The application was not ready within " + limit + "; its log ends with:\n"
				+ tail(40));
	}

	/**
	 * Waits for a start that is expected to be refused.
	 *
	 * @return the exit code.
	 * @throws IllegalStateException if the application still runs after {@code limit}.
	 */
	public int awaitExit(Duration limit) throws InterruptedException {
		if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("The application still runs after " + limit + "; its log ends with:\n"
					+ tail(40));
		}
		return process.exitValue();
	}

	public URI url(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	public int port() {
		return port;
	}

	public long pid() {
		return process.pid();
	}

	public boolean alive() {
		return process.isAlive();
	}

	public Path log() {
		return log;
	}

	public OptionalLong residentBytes() {
		return ProcFs.residentBytes(process.pid());
	}

	public String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException e) {
			return "(no log: " + e + ")";
		}
	}

	/**
	 * Stops the application gracefully (SIGTERM, which also stops its embedded PostgreSQL), forcibly after
	 * {@link #GRACE}, and then whatever it started that is still running.
	 *
	 * @return how long it took to exit.
	 */
	public Duration stop() {
		long start = System.nanoTime();
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroy();
		try {
			if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * Kills the application with SIGKILL, as a crash or the kernel's OOM killer would, and waits until it is gone.
	 */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The application " + process.pid() + " survived SIGKILL for 30 s");
		}
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			stop();
		}
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

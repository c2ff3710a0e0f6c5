package io.switchboard.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The machine's RabbitMQ node, stopped fully ({@code rabbitmqctl stop}: the node and its Erlang VM) and started again
 * ({@code rabbitmq-server -detached}) with its own tools, which the test runs as the user it runs as (root in CI).
 */
final class MachineBroker {

	private final int amqpPort;

	MachineBroker(int amqpPort) {
		this.amqpPort = amqpPort;
	}

	/**
	 * @return why the broker cannot be stopped and started from here, or {@literal null} if it can.
	 */
	static String whyNotControllable() {
		for (String tool : List.of("rabbitmqctl", "rabbitmq-server", "rabbitmq-diagnostics")) {
			if (Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
					.noneMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)))) {
				return tool + " is not on the PATH";
			}
		}
		return null;
	}

	void stop() throws IOException, InterruptedException {
		run(Duration.ofSeconds(60), "rabbitmqctl", "stop");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (answersAmqp() && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
	}

	/**
	 * Starts the node and waits until it answers a ping and takes AMQP connections.
	 */
	void start(Duration limit) throws IOException, InterruptedException {
		run(Duration.ofSeconds(30), "rabbitmq-server", "-detached");
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (run(Duration.ofSeconds(10), "rabbitmq-diagnostics", "-q", "ping") == 0 && answersAmqp()) {
				return;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("RabbitMQ did not come back within " + limit);
	}

	/**
	 * Counts the consumers of queues as {@code rabbitmqctl list_consumers} lists them: with a single active consumer,
	 * the active one and those standing by (AMQP's own count shows only the active one).
	 *
	 * @return the number of consumers of each queue whose name starts with the prefix.
	 */
	Map<String, Integer> consumers(String prefix) throws IOException, InterruptedException {
		Map<String, Integer> consumers = new TreeMap<>();
		for (String queue : list(prefix, "list_consumers", "-q", "queue_name")) {
			consumers.merge(queue, 1, Integer::sum);
		}
		return consumers;
	}

	/**
	 * @return the messages in the queues whose name starts with the prefix, dead-letter queues aside, as {@code
	 *         rabbitmqctl list_queues} counts them: ready and unacknowledged (AMQP's own count leaves out those a
	 *         consumer holds, e.g. while it waits out a retry).
	 */
	long messages(String prefix) throws IOException, InterruptedException {
		return list(prefix, "list_queues", "-q", "name", "messages").stream()
				.filter(line -> !line.contains(".dlq\t"))
				.mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf('\t') + 1).strip())).sum();
	}

	/**
	 * @return the lines {@code rabbitmqctl} prints that start with the prefix.
	 */
	private static List<String> list(String prefix, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		List<String> lines;
		try (BufferedReader output = process.inputReader()) {
			lines = output.lines().map(String::strip).filter(line -> line.startsWith(prefix)).toList();
		}
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
		return lines;
	}

	/**
	 * Starts the node if it does not answer, so that a run that failed half-way leaves the machine's broker running.
	 */
	void ensureRunning() throws IOException, InterruptedException {
		if (!answersAmqp()) {
			start(Duration.ofSeconds(60));
		}
	}

	private boolean answersAmqp() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", amqpPort), 1000);
			return true;
		}
		catch (IOException refused) {
			return false;
		}
	}

	private static int run(Duration limit, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}
}

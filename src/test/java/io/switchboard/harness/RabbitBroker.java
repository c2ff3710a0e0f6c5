package io.switchboard.harness;

import io.switchboard.work.WorkChannels;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * A RabbitMQ broker on this machine for the {@code rabbitmq} work transport (guest on 127.0.0.1:5672 unless
 * {@code benchmark.rabbitmq.*} says otherwise). Each run uses its own name prefix; its dead letters can be read in
 * place, and its exchanges and queues are deleted afterwards.
 */
public final class RabbitBroker implements AutoCloseable {

	private static final int SHARDS = 8;

	private final String host;
	private final int port;
	private final String prefix;
	private final String version;

	private RabbitBroker(String host, int port, String prefix, String version) {
		this.host = host;
		this.port = port;
		this.prefix = prefix;
		this.version = version;
	}

	/**
	 * @return the broker, or empty with the reason when nothing answers AMQP there.
	 */
	public static Optional<RabbitBroker> find(String host, int port, String prefix, StringBuilder why) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 2000);
		}
		catch (IOException e) {
			why.append(e.getMessage());
			return Optional.empty();
		}
		try (Connection connection = factory(host, port).newConnection("switchboard-harness")) {
			Object version = connection.getServerProperties().get("version");
			return Optional.of(new RabbitBroker(host, port, prefix, String.valueOf(version)));
		}
		catch (IOException | TimeoutException e) {
			why.append(e.getMessage());
			return Optional.empty();
		}
	}

	public List<String> arguments() {
		return List.of("--switchboard.work.transport=rabbitmq", "--spring.rabbitmq.host=" + host,
				"--spring.rabbitmq.port=" + port, "--switchboard.work.rabbitmq.prefix=" + prefix,
				"--switchboard.work.rabbitmq.shards=" + SHARDS);
	}

	public String prefix() {
		return prefix;
	}

	public String version() {
		return version;
	}

	/**
	 * @return the broker's Erlang VM ({@code beam.smp}) if it runs on this machine, else 0.
	 */
	public static long pid() {
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
					.filter(p -> ProcFs.ticks(Long.parseLong(p.getFileName().toString())).name().equals("beam.smp"))
					.mapToLong(p -> Long.parseLong(p.getFileName().toString()))
					.findFirst().orElse(0);
		}
		catch (IOException e) {
			return 0;
		}
	}

	/**
	 * Reads the messages in the run's dead-letter queues without taking them: they return to their queues when the
	 * reading channel closes.
	 *
	 * @return their bodies, by work channel.
	 */
	public Map<String, List<String>> deadLetters() throws IOException, TimeoutException {
		Map<String, List<String>> letters = new TreeMap<>();
		try (Connection connection = factory(host, port).newConnection("switchboard-harness")) {
			for (String work : channels()) {
				try (Channel channel = connection.createChannel()) {
					List<String> bodies = new ArrayList<>();
					for (GetResponse got = channel.basicGet(deadLetterQueue(work), false); got != null;
							got = channel.basicGet(deadLetterQueue(work), false)) {
						bodies.add(new String(got.getBody(), StandardCharsets.UTF_8));
					}
					if (!bodies.isEmpty()) {
						letters.put(work, bodies);
					}
				}
				catch (IOException | AlreadyClosedException absent) {
					// not declared: no handler consumes this channel
				}
			}
		}
		return letters;
	}

	/**
	 * Deletes the run's queues and exchanges.
	 */
	@Override
	public void close() {
		try (Connection connection = factory(host, port).newConnection("switchboard-harness");
				Channel channel = connection.createChannel()) {
			for (String work : channels()) {
				for (int shard = 0; shard < SHARDS; shard++) {
					channel.queueDelete(shardQueue(work, shard));
				}
				channel.queueDelete(deadLetterQueue(work));
			}
			channel.exchangeDelete(prefix + ".work");
			channel.exchangeDelete(prefix + ".work.dlx");
		}
		catch (IOException | TimeoutException e) {
			System.out.println("Could not delete the RabbitMQ queues " + prefix + ".*: " + e.getMessage());
		}
	}

	private String shardQueue(String work, int shard) {
		return prefix + "." + work + "." + shard;
	}

	private String deadLetterQueue(String work) {
		return prefix + "." + work + ".dlq";
	}

	/**
	 * @return the channel names {@link WorkChannels} declares.
	 */
	private static List<String> channels() {
		List<String> names = new ArrayList<>();
		for (Field field : WorkChannels.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				try {
					names.add((String) field.get(null));
				}
				catch (IllegalAccessException e) {
					throw new IllegalStateException(e);
				}
			}
		}
		return names;
	}

	private static ConnectionFactory factory(String host, int port) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(host);
		factory.setPort(port);
		factory.setUsername(System.getProperty("benchmark.rabbitmq.user", "guest"));
		factory.setPassword(System.getProperty("benchmark.rabbitmq.password", "guest"));
		factory.setConnectionTimeout(3000);
		return factory;
	}
}

package io.switchboard.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.SocketOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Connections to the machine's Redis (127.0.0.1:6379, as CI runs it) for tests, each with its own Lettuce client as a
 * separate process would have, configured as the application configures it. Closed with {@link #close()}.
 */
public final class RedisForTests implements AutoCloseable {

	/** The Redis the tests use. */
	public static final int PORT = 6379;

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	/**
	 * @return whether a Redis answers on {@link #PORT}; tests that need one are skipped otherwise.
	 */
	public static boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
			socket.setSoTimeout(500);
			socket.getOutputStream().write("PING\r\n".getBytes());
			byte[] answer = new byte[7];
			int read = socket.getInputStream().read(answer);
			return read > 0 && new String(answer, 0, read).startsWith("+PONG");
		}
		catch (IOException e) {
			return false;
		}
	}

	/**
	 * @return a port nothing listens on, to play a Redis that is away.
	 */
	public static int deadPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * @return a link with its own client to the Redis on {@code port}.
	 */
	public RedisLink link(int port) {
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(Duration.ofMillis(500))
			.clientOptions(ClientOptions.builder()
				.autoReconnect(true)
				.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
				.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
				.build())
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port), client);
		factory.afterPropertiesSet();
		factory.start();
		factories.add(factory);
		return new RedisLink(factory);
	}

	@Override
	public void close() {
		factories.forEach(LettuceConnectionFactory::destroy);
	}
}

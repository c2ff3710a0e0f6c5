package io.switchboard.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server of the test's own (Debian's {@code redis-server} on a free port, nothing saved), so that a test can
 * stop and start it; the machine's Redis is never touched.
 */
public final class OwnRedis implements AutoCloseable {

	private final int port;
	private Process process;

	private OwnRedis(int port) {
		this.port = port;
	}

	/**
	 * @return whether {@code redis-server} can be started here.
	 */
	public static boolean available() {
		try {
			return new ProcessBuilder("redis-server", "--version").start().waitFor(5, TimeUnit.SECONDS);
		}
		catch (IOException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public static OwnRedis start() {
		OwnRedis redis = new OwnRedis(RedisForTests.deadPort());
		redis.startAgain();
		return redis;
	}

	public int port() {
		return port;
	}

	public void startAgain() {
		try {
			process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!listening()) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("redis-server did not start on port " + port);
			}
			sleep(20);
		}
	}

	public void stop() {
		process.destroy();
		try {
			process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (process != null && process.isAlive()) {
			stop();
		}
	}

	private boolean listening() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}

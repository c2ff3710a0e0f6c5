package io.switchboard.work.internal.rabbit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Declares the {@link WorkTopology} on the broker once, and again after something suggests it is gone (a message
 * came back unroutable). Declaring before the first publication and before consuming means neither depends on the
 * broker being up when the application starts.
 */
final class TopologyDeclarer {

	private static final Logger log = LoggerFactory.getLogger(TopologyDeclarer.class);

	private final WorkTopology topology;
	private final RabbitAdmin admin;
	private volatile boolean declared;

	TopologyDeclarer(WorkTopology topology, ConnectionFactory connections) {
		this.topology = topology;
		this.admin = new RabbitAdmin(connections);
	}

	/**
	 * @throws AmqpException when the broker cannot be reached or refuses a declaration.
	 */
	synchronized void ensureDeclared() {
		if (!declared) {
			long started = System.nanoTime();
			topology.declare(admin);
			declared = true;
			log.info("Declared the work topology on RabbitMQ ({} channels x {} shards under {}) in {} ms",
					topology.channels().size(), topology.shards(), topology.exchange(),
					(System.nanoTime() - started) / 1_000_000);
		}
	}

	/**
	 * @return whether the topology is declared; failures are logged.
	 */
	boolean tryDeclare() {
		try {
			ensureDeclared();
			return true;
		}
		catch (AmqpException e) {
			log.warn("Could not declare the work topology on RabbitMQ (will try again): {}", e.toString());
			return false;
		}
	}

	/**
	 * Declares again before the next publication.
	 */
	void redeclareLater() {
		declared = false;
	}
}

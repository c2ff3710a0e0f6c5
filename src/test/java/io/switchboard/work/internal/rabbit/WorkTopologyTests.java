package io.switchboard.work.internal.rabbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;

/**
 * Names and routing of the RabbitMQ work topology. The shard of an ordering key must never change between versions
 * or processes: a key routed to two queues would lose its order.
 */
class WorkTopologyTests {

	private final WorkTopology topology = new WorkTopology("switchboard", 8, 20,
			List.of("inbound-whatsapp-messages", "genesys-events"));

	@Test
	void anOrderingKeyAlwaysGoesToTheSameShardTheCrc32OfItsBytesModuloTheShards() {
		// CRC-32 (ISO-HDLC, as java.util.zip, zlib and most languages compute it) of the UTF-8 bytes
		assertThat(WorkTopology.shard("sandbox|447700900401", 8)).isEqualTo((int) (3241992642L % 8));
		assertThat(WorkTopology.shard("acme|447700900123", 8)).isEqualTo((int) (3692960835L % 8));
		assertThat(WorkTopology.shard("globex|US.13491208655302741918", 16)).isEqualTo((int) (1168217844L % 16));
		assertThat(WorkTopology.shard("", 8)).isZero();
		assertThat(topology.shard("sandbox|447700900401")).isEqualTo(WorkTopology.shard("sandbox|447700900401", 8));
	}

	@Test
	void everyShardIsInRangeAndKeysSpreadEvenly() {
		for (int shards : new int[] { 1, 3, 8, 16 }) {
			int[] counts = new int[shards];
			for (int i = 0; i < 8_000; i++) {
				int shard = WorkTopology.shard("tenant-" + (i % 7) + "|" + UUID.randomUUID(), shards);
				assertThat(shard).isBetween(0, shards - 1);
				counts[shard]++;
			}
			int mean = 8_000 / shards;
			for (int count : counts) {
				assertThat(count).as("keys per shard of %d", shards).isBetween(mean * 8 / 10, mean * 12 / 10);
			}
		}
	}

	@Test
	void namesStartWithThePrefix() {
		assertThat(topology.exchange()).isEqualTo("switchboard.work");
		assertThat(topology.deadLetterExchange()).isEqualTo("switchboard.work.dlx");
		assertThat(topology.queue("inbound-whatsapp-messages", 3)).isEqualTo("switchboard.inbound-whatsapp-messages.3");
		assertThat(topology.routingKey("inbound-whatsapp-messages", 3)).isEqualTo("inbound-whatsapp-messages.3");
		assertThat(topology.deadLetterQueue("genesys-events")).isEqualTo("switchboard.genesys-events.dlq");
		assertThat(topology.channels()).containsExactly("genesys-events", "inbound-whatsapp-messages");
	}

	@Test
	void shardQueuesAreQuorumQueuesWithOneActiveConsumerADeliveryLimitAndDeadLettering() {
		Queue queue = topology.shardQueue("genesys-events", 5);
		assertThat(queue.getName()).isEqualTo("switchboard.genesys-events.5");
		assertThat(queue.isDurable()).isTrue();
		assertThat(queue.getArguments()).containsExactlyInAnyOrderEntriesOf(Map.of(
				"x-queue-type", "quorum",
				"x-single-active-consumer", true,
				"x-delivery-limit", 20,
				"x-dead-letter-exchange", "switchboard.work.dlx",
				"x-dead-letter-routing-key", "genesys-events",
				"x-dead-letter-strategy", "at-least-once",
				"x-overflow", "reject-publish"));
	}

	@Test
	void thereIsAtLeastOneShard() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkTopology("switchboard", 0, 20, List.of()));
	}
}

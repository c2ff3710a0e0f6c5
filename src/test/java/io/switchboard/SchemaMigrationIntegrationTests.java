package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.harness.ExternalPostgres;
import io.switchboard.work.WorkChannels;
import io.switchboard.whatsapp.Change;
import io.switchboard.whatsapp.InboundMessage;
import io.switchboard.whatsapp.WhatsAppMessageReceived;
import io.switchboard.whatsapp.WhatsAppWebhooks;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.databind.json.JsonMapper;

/**
 * A database filled under the schema before routing as data (every migration before V15) is migrated: every mapping
 * becomes a conversation on the tenant's number, routed to Genesys, with its Genesys conversation id; ledger entries
 * and queued work are untouched, and the current application relays the work queued before the upgrade.
 */
class SchemaMigrationIntegrationTests {

	private static final String ROUTING_AS_DATA = "15";
	private static final String SANDBOX_NUMBER = MetaWebhooks.SANDBOX_PHONE_NUMBER_ID;

	@Test
	void aDatabaseOfThePreviousSchemaIsCarriedOverIntactAndRelayable() throws Exception {
		StringBuilder why = new StringBuilder();
		Optional<ExternalPostgres> postgres = ExternalPostgres.create("127.0.0.1", 5432, "postgres", "",
				"switchboard_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), why);
		assumeTrue(postgres.isPresent(), "No PostgreSQL at 127.0.0.1:5432 (user postgres, trust): " + why);
		try (ExternalPostgres database = postgres.get()) {
			DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), "postgres", "");
			String previous = Arrays.stream(Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
				.load().info().all())
				.map(MigrationInfo::getVersion).filter(v -> v.isNewerThan("0") && !v.isAtLeast(ROUTING_AS_DATA))
				.max(Comparator.naturalOrder()).orElseThrow().getVersion();
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(previous).load()
				.migrate();
			JdbcClient old = JdbcClient.create(dataSource);
			old.sql("insert into tenants (id, name, phone_number_id, sandbox) values ('sandbox', 'Sandbox', ?, true)")
				.param(SANDBOX_NUMBER).update();
			old.sql("""
					insert into conversation_mappings (tenant_id, wa_id, id_type, conversation_id, contact_name,
					  last_inbound_at) values ('sandbox', '447700906001', 'PHONE', 'genesys-conv-1', 'Olga', now())""")
				.update();
			old.sql("""
					insert into message_tracking (tenant_id, direction, wa_id, conversation_id, meta_message_id,
					  genesys_message_id, message_type, status)
					values ('sandbox', 'inbound', '447700906001', 'genesys-conv-1', 'wamid.OLD1', 'gm-1', 'text',
					  'RELAYED')""").update();
			String wamid = MetaWebhooks.newWamid();
			Change change = WhatsAppWebhooks.parse(MetaWebhooks.text("447700906001", "Olga", wamid, "queued before"))
				.changes().getFirst();
			InboundMessage message = change.messages().getFirst();
			String payload = JsonMapper.builder().build().writeValueAsString(
					new WhatsAppMessageReceived("sandbox", change.metadata(), change.senderOf(message), message));
			old.sql("insert into work_items (channel, ordering_key, payload) values (?, ?, ?::jsonb)")
				.params(WorkChannels.INBOUND_WHATSAPP_MESSAGES, "sandbox|447700906001", payload).update();

			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
			Map<String, Object> conversation = old.sql("""
					select channel_account, destination, destination_conversation_id, contact_name, state,
					  id is not null as has_id from conversations where tenant_id = 'sandbox'
					  and customer_id = '447700906001'""").query().singleRow();
			assertThat(conversation).containsEntry("channel_account", SANDBOX_NUMBER)
				.containsEntry("destination", "genesys")
				.containsEntry("destination_conversation_id", "genesys-conv-1")
				.containsEntry("contact_name", "Olga").containsEntry("state", "OPEN")
				.containsEntry("has_id", true);
			assertThat(old.sql("select count(*) from work_items").query(Long.class).single()).isEqualTo(1);

			int port = freePort();
			try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
					"--server.port=" + port, "--switchboard.database.embedded=false",
					"--spring.profiles.active=sandbox", "--switchboard.sandbox.with-production-settings=true",
					"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=postgres",
					"--switchboard.work.poll-interval=100ms")) {
				new GenesysSimulatorClient(port).awaitMessages(wamid, m -> m.size() == 1, Duration.ofSeconds(20));
				JdbcClient jdbc = app.getBean(JdbcClient.class);
				long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				while (System.nanoTime() < deadline && (jdbc.sql("select count(*) from work_items")
					.query(Long.class).single() > 0 || jdbc.sql("select count(*) from message_tracking where "
							+ "meta_message_id in ('wamid.OLD1', ?) and status = 'RELAYED'").param(wamid)
						.query(Long.class).single() < 2)) {
					Thread.sleep(50);
				}
				assertThat(jdbc.sql("select status from message_tracking where meta_message_id = 'wamid.OLD1'")
					.query(String.class).single()).isEqualTo("RELAYED");
				assertThat(jdbc.sql("select status from message_tracking where meta_message_id = ?").param(wamid)
					.query(String.class).single()).isEqualTo("RELAYED");
				assertThat(jdbc.sql("select count(*) from work_items")
					.query(Long.class).single()).as("the queued item of before was done").isZero();
				assertThat(jdbc.sql("select destination from channel_accounts where address = ?")
					.param(SANDBOX_NUMBER).query(String.class).single()).isEqualTo("genesys");
			}
		}
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}

package io.switchboard.work.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.MetaWebhooks;
import io.switchboard.SwitchboardApplication;
import io.switchboard.work.WorkChannels;
import io.switchboard.work.WorkHandler;
import io.switchboard.work.internal.rabbit.RabbitWorkSettings;
import io.switchboard.whatsapp.InboundMessage;
import io.switchboard.whatsapp.MessageContent;
import io.switchboard.whatsapp.Metadata;
import io.switchboard.whatsapp.WhatsAppMessageReceived;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RabbitMQ transport of the work channels, with the whole application over real HTTP against a real RabbitMQ
 * (127.0.0.1:5672, guest/guest, as CI provides). Every run declares its own exchanges and queues under a random
 * prefix and deletes them afterwards. Skipped, with the reason, where no broker answers.
 */
class RabbitWorkChannelsIntegrationTests {

	private static final String INBOUND = WorkChannels.INBOUND_WHATSAPP_MESSAGES;
	private static final Duration PATIENCE = Duration.ofSeconds(20);
	private static final int MAX_ATTEMPTS = 3;
	private static final String RETRY_FOR = "4s";
	private static final String ADMIN_KEY = "rabbit-tests-admin-key";

	@TempDir
	static Path data;

	private static boolean broker;
	private static ConfigurableApplicationContext app;
	private static int port;
	private static String prefix;
	private static Topology topology;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startTheApplicationOnRabbitMq() throws IOException {
		broker = rabbitMqAnswers();
		if (!broker) {
			return;
		}
		port = freePort();
		prefix = newPrefix();
		app = start(port, data.resolve("pg"), prefix, "all");
		topology = Topology.of(app, prefix);
		// consumers start in the background
		for (String channel : topology.channels) {
			for (int k = 0; k < topology.shards; k++) {
				String queue = prefix + "." + channel + "." + k;
				await(() -> topology.exists(queue) && topology.consumers(queue) == 1, queue + " is consumed");
			}
		}
	}

	@BeforeEach
	void needsRabbitMq() {
		assumeTrue(broker, "No RabbitMQ at 127.0.0.1:5672: start it to run this test");
	}

	@AfterAll
	static void stopAndDeleteTheTopology() throws Exception {
		if (app != null) {
			app.close();
		}
		if (topology != null) {
			topology.delete();
		}
	}

	@Test
	void aSignedTextReachesGenesysExactlyOnceThroughRabbitMq() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		double publishedBefore = count("switchboard.work.published", INBOUND);
		HttpResponse<String> ack = post(MetaWebhooks.text(newCustomer(), "Ada", wamid, "hello over rabbit"));
		assertThat(ack.statusCode()).isEqualTo(200);
		GenesysSimulatorClient genesys = new GenesysSimulatorClient(port);
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(wamid)).hasSize(1);
		assertThat(ledgerStatus(wamid)).isEqualTo("RELAYED");
		assertThat(count("switchboard.work.published", INBOUND)).isGreaterThan(publishedBefore);
		await(() -> outboxSize() == 0, "the outbox is empty");
	}

	@Test
	void anOutageLongerThanTheInPlaceWaitReturnsTheMessageToItsQueueAndKeepsOrder() throws Exception {
		GenesysSimulatorClient genesys = new GenesysSimulatorClient(port);
		double returnedBefore = count("switchboard.work.returned", INBOUND);
		String customer = newCustomer();
		genesys.fault("message", 503, 0, 1_000);
		List<String> sent = new ArrayList<>();
		try {
			for (String text : List.of("first through the outage", "second through the outage")) {
				String wamid = MetaWebhooks.newWamid();
				assertThat(post(MetaWebhooks.text(customer, "Rhea", wamid, text)).statusCode()).isEqualTo(200);
				sent.add(wamid);
			}
			await(() -> count("switchboard.work.returned", INBOUND) > returnedBefore,
					"a delivery went back to its queue after waiting in place");
			assertThat(genesys.received("message", "&fromId=" + customer)).isEmpty();
		}
		finally {
			genesys.clearFaults();
		}
		await(() -> genesys.received("message", "&fromId=" + customer).size() >= 2, "both messages arrived");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		List<JsonNode> received = new ArrayList<>(genesys.received("message", "&fromId=" + customer));
		received.sort((a, b) -> Instant.parse(a.get("receivedAt").asString())
				.compareTo(Instant.parse(b.get("receivedAt").asString())));
		assertThat(received).extracting(m -> m.path("body").path("channel").path("messageId").asString())
				.containsExactlyElementsOf(sent);
	}

	@Test
	void thirtyMessagesFromOneCustomerArriveInTheOrderTheyWereSent() throws Exception {
		String customer = newCustomer();
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String wamid = MetaWebhooks.newWamid();
			assertThat(post(MetaWebhooks.text(customer, "Ordered", wamid, "message " + i)).statusCode())
					.isEqualTo(200);
			sent.add(wamid);
		}
		GenesysSimulatorClient genesys = new GenesysSimulatorClient(port);
		await(() -> genesys.received("message", "&fromId=" + customer).size() >= 30, "30 messages arrived");
		List<JsonNode> received = new ArrayList<>(genesys.received("message", "&fromId=" + customer));
		received.sort((a, b) -> Instant.parse(a.get("receivedAt").asString())
				.compareTo(Instant.parse(b.get("receivedAt").asString())));
		assertThat(received).extracting(m -> m.path("body").path("channel").path("messageId").asString())
				.containsExactlyElementsOf(sent);
	}

	@Test
	void fiveDeliveriesOfOneWebhookMakeOneGenesysMessage() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		byte[] webhook = MetaWebhooks.text(newCustomer(), "Dup", wamid, "delivered five times");
		for (int i = 0; i < 5; i++) {
			assertThat(post(webhook).statusCode()).isEqualTo(200);
		}
		GenesysSimulatorClient genesys = new GenesysSimulatorClient(port);
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(wamid)).hasSize(1);
	}

	@Test
	void aGenesysOutageIsWaitedOutOnTheConsumerAndTheMessageDeliveredOnce() throws Exception {
		GenesysSimulatorClient genesys = new GenesysSimulatorClient(port);
		double retriedBefore = count("switchboard.work.retried", INBOUND);
		long callsBefore = genesys.stats().get("messageCalls").asLong();
		// The Genesys client tries 4 times per attempt: the first attempt fails, the second gets through.
		genesys.fault("message", 503, 0, 5);
		String wamid = MetaWebhooks.newWamid();
		assertThat(post(MetaWebhooks.text(newCustomer(), "Otto", wamid, "during an outage")).statusCode())
				.isEqualTo(200);
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(wamid)).hasSize(1);
		assertThat(genesys.stats().get("messageCalls").asLong()).isEqualTo(callsBefore + 6);
		assertThat(count("switchboard.work.retried", INBOUND)).isEqualTo(retriedBefore + 1);
		assertThat(ledgerStatus(wamid)).isEqualTo("RELAYED");
	}

	@Test
	void anOutageThatOutlastsTheRetryPeriodIsRecordedAsFailedAndEndsInTheDeadLetters() throws Exception {
		GenesysSimulatorClient genesys = new GenesysSimulatorClient(port);
		double failedBefore = count("switchboard.work.failed", INBOUND);
		genesys.fault("message", 503, 0, 1_000);
		try {
			String wamid = MetaWebhooks.newWamid();
			String customer = newCustomer();
			assertThat(post(MetaWebhooks.text(customer, "Fay", wamid, "never arrives")).statusCode())
					.isEqualTo(200);
			await(() -> "FAILED".equals(ledgerStatus(wamid)), "the ledger shows the message failed");
			Map<String, Object> dead = awaitDeadLetter("ordering_key = 'sandbox|" + customer + "'");
			assertThat(dead).containsEntry("reason", "gave-up").containsEntry("tenant_id", "sandbox")
					.containsEntry("state", "DEAD");
			assertThat((String) dead.get("last_error")).contains("Genesys unavailable");
			assertThat(topology.messages(topology.deadLetterQueue(INBOUND))).as("acknowledged, not rejected").isZero();
			assertThat(count("switchboard.work.failed", INBOUND)).isEqualTo(failedBefore + 1);
			assertThat(genesys.messagesWithId(wamid)).isEmpty();
		}
		finally {
			genesys.clearFaults();
		}
	}

	@Test
	void anUnreadableMessageIsDeadLetteredAtOnce() throws Exception {
		double failedBefore = count("switchboard.work.failed", WorkChannels.GENESYS_EVENTS);
		String id = topology.publish(WorkChannels.GENESYS_EVENTS + ".0", "{not json",
				Map.of("switchboard-attempt", 1, "switchboard-ordering-key", "acme|447700900999"));
		Map<String, Object> dead = awaitDeadLetter("work_id = '" + id + "'");
		assertThat(dead).containsEntry("reason", "unreadable").containsEntry("channel", WorkChannels.GENESYS_EVENTS)
				.containsEntry("tenant_id", "acme").containsEntry("payload", "\"{not json\"");
		await(() -> count("switchboard.work.failed", WorkChannels.GENESYS_EVENTS) == failedBefore + 1,
				"the unreadable message is counted as failed");
		assertThat(topology.messages(topology.deadLetterQueue(WorkChannels.GENESYS_EVENTS))).isZero();
	}

	@Test
	void workParkedWhileTheDeadLettersCannotBeWrittenWaitsInTheDeadLetterQueueAndIsDrainedIntoThemLater()
			throws Exception {
		JdbcClient jdbc = app.getBean(JdbcClient.class);
		String id = "test-" + UUID.randomUUID();
		String trigger = "dead_letters_outage_" + UUID.randomUUID().toString().replace("-", "");
		jdbc.sql("create sequence " + trigger).update();
		jdbc.sql("""
				create function %1$s() returns trigger language plpgsql as $$
				begin
				  if new.work_id = '%2$s' and nextval('%1$s') = 1 then
				    raise exception 'dead letters unavailable' using errcode = '57P01';
				  end if;
				  return new;
				end $$""".formatted(trigger, id)).update();
		jdbc.sql("create trigger " + trigger + " before insert on dead_letters for each row execute function "
				+ trigger + "()").update();
		try {
			topology.publish(prefix + ".work", WorkChannels.GENESYS_EVENTS + ".1", id, "[\"unreadable\"]",
					Map.of("switchboard-ordering-key", "acme|447700900998"));
			Map<String, Object> dead = awaitDeadLetter("work_id = '" + id + "'");
			assertThat(dead).containsEntry("reason", "unreadable");
			assertThat((String) dead.get("last_error")).contains(topology.deadLetterQueue(WorkChannels.GENESYS_EVENTS));
			await(() -> topology.messages(topology.deadLetterQueue(WorkChannels.GENESYS_EVENTS)) == 0,
					"the dead-letter queue is drained");
		}
		finally {
			jdbc.sql("drop trigger if exists " + trigger + " on dead_letters").update();
			jdbc.sql("drop function if exists " + trigger + "()").update();
			jdbc.sql("drop sequence if exists " + trigger).update();
		}
	}

	@Test
	void aMessageTheBrokerDeadLettersAtItsDeliveryLimitIsDrainedIntoTheDeadLettersAndDeliveredOnceWhenReplayed()
			throws Exception {
		JdbcClient jdbc = app.getBean(JdbcClient.class);
		String customer = newCustomer();
		String wamid = MetaWebhooks.newWamid();
		jdbc.sql("insert into message_tracking (tenant_id, direction, wa_id, meta_message_id, message_type, status) "
				+ "values ('sandbox', 'inbound', ?, ?, 'text', 'RECEIVED')").params(customer, wamid).update();
		String payload = app.getBean(JsonMapper.class).writeValueAsString(new WhatsAppMessageReceived("sandbox",
				new Metadata("100000000000001", "15550100001"), null, new InboundMessage(wamid, customer, null, null,
						Instant.now(), "text", null, null, List.of(), new MessageContent.Text("held too long"), null)));
		String limited = prefix + ".limited";
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			channel.queueDeclare(limited, true, false, false, Map.of("x-queue-type", "quorum", "x-delivery-limit", 1,
					"x-dead-letter-exchange", prefix + ".work.dlx", "x-dead-letter-routing-key", INBOUND));
			String id = topology.publish("", limited, "limit-" + UUID.randomUUID(), payload,
					Map.of("switchboard-ordering-key", "sandbox|" + customer, "switchboard-attempt", 1));
			for (int delivery = 0; delivery < 5; delivery++) {
				GetResponse held = channel.basicGet(limited, false);
				if (held == null) {
					break;
				}
				channel.basicNack(held.getEnvelope().getDeliveryTag(), false, true);
			}
			Map<String, Object> dead = awaitDeadLetter("work_id = '" + id + "'");
			assertThat(dead).containsEntry("reason", "delivery-limit").containsEntry("channel", INBOUND);
			assertThat((String) dead.get("last_error")).contains(limited).contains("delivery_limit");
			await(() -> topology.messages(topology.deadLetterQueue(INBOUND)) == 0, "the dead-letter queue is drained");
			await(() -> "FAILED".equals(ledgerStatus(wamid)), "the handler recorded the failure");

			HttpResponse<String> replayed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
					+ "/api/admin/dead-letters/" + dead.get("id") + "/replay"))
					.header("Authorization", "Bearer " + ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
			GenesysSimulatorClient genesys = new GenesysSimulatorClient(port);
			genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
			await(() -> "RELAYED".equals(ledgerStatus(wamid)), "the replayed message is relayed");
			GenesysSimulatorClient.sleep(Duration.ofMillis(500));
			assertThat(genesys.messagesWithId(wamid)).hasSize(1);
		}
		finally {
			try (Connection connection = connect(); Channel channel = connection.createChannel()) {
				channel.queueDelete(limited);
			}
		}
	}

	@Test
	void workOfAChannelWithoutAHandlerStaysInTheOutboxWhileOtherWorkFlows() throws Exception {
		JdbcClient jdbc = app.getBean(JdbcClient.class);
		long stray = jdbc.sql("insert into work_items (channel, ordering_key, payload) values "
				+ "('no-such-channel', 'nobody', '{}'::jsonb) returning id").query(Long.class).single();
		try {
			String wamid = MetaWebhooks.newWamid();
			assertThat(post(MetaWebhooks.text(newCustomer(), "Flo", wamid, "still flowing")).statusCode())
					.isEqualTo(200);
			new GenesysSimulatorClient(port).awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
			GenesysSimulatorClient.sleep(Duration.ofMillis(500));
			assertThat(jdbc.sql("select count(*) from work_items where id = ?").param(stray).query(Long.class)
					.single()).as("unroutable work is not confirmed, so not deleted").isEqualTo(1);
		}
		finally {
			jdbc.sql("delete from work_items where id = ?").param(stray).update();
		}
	}

	@Test
	void everyChannelHasQuorumShardQueuesWithOneActiveConsumerAndADeadLetterQueue() throws Exception {
		assertThat(topology.channels).contains(INBOUND, WorkChannels.OUTBOUND_GENESYS_MESSAGES,
				WorkChannels.WHATSAPP_STATUS_UPDATES, WorkChannels.GENESYS_EVENTS);
		assertThat(topology.shards).isEqualTo(8);
		try (Connection connection = connect()) {
			try (Channel channel = connection.createChannel()) {
				channel.exchangeDeclarePassive(prefix + ".work");
				channel.exchangeDeclarePassive(prefix + ".work.dlx");
			}
			for (String workChannel : topology.channels) {
				for (int k = 0; k < topology.shards; k++) {
					String queue = prefix + "." + workChannel + "." + k;
					await(() -> topology.consumers(queue) == 1, queue + " has one consumer");
					assertThat(typeOf(connection, queue, shardArguments(workChannel))).as(queue).isEqualTo("quorum");
				}
				assertThat(typeOf(connection, prefix + "." + workChannel + ".dlq", Map.of())).isEqualTo("quorum");
			}
		}
	}

	private static Map<String, Object> shardArguments(String workChannel) {
		return Map.of("x-single-active-consumer", true, "x-delivery-limit", 20,
				"x-dead-letter-exchange", prefix + ".work.dlx", "x-dead-letter-routing-key", workChannel,
				"x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish");
	}

	@Test
	void aMessageAcknowledgedByAnEdgeOnlyProcessIsDeliveredOnceByTheWorkerThatStartsNext(@TempDir Path restartData)
			throws Exception {
		int restartPort = freePort();
		String restartPrefix = newPrefix();
		String wamid = MetaWebhooks.newWamid();
		byte[] webhook = MetaWebhooks.text(newCustomer(), "Rosa", wamid, "sent to the edge");
		URI endpoint = URI.create("http://localhost:" + restartPort + "/webhook/whatsapp");
		Topology restartTopology = null;
		try {
			try (ConfigurableApplicationContext edge = start(restartPort, restartData.resolve("pg"), restartPrefix,
					"edge")) {
				restartTopology = Topology.of(edge, restartPrefix);
				Topology queues = restartTopology;
				HttpResponse<String> ack = http.send(MetaWebhooks.signed(endpoint, webhook,
						MetaWebhooks.SANDBOX_APP_SECRET), HttpResponse.BodyHandlers.ofString());
				assertThat(ack.statusCode()).isEqualTo(200);
				JdbcClient jdbc = edge.getBean(JdbcClient.class);
				await(() -> jdbc.sql("select count(*) from work_items").query(Long.class).single() == 0,
						"the edge published the work");
				assertThat(queues.messagesOf(INBOUND)).isEqualTo(1);
				assertThat(new GenesysSimulatorClient(restartPort).messagesWithId(wamid)).isEmpty();
			}
			try (ConfigurableApplicationContext worker = start(restartPort, restartData.resolve("pg"), restartPrefix,
					"worker")) {
				GenesysSimulatorClient genesys = new GenesysSimulatorClient(restartPort);
				genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
				HttpResponse<String> redelivery = http.send(MetaWebhooks.signed(endpoint, webhook,
						MetaWebhooks.SANDBOX_APP_SECRET), HttpResponse.BodyHandlers.ofString());
				assertThat(redelivery.statusCode()).isEqualTo(200);
				GenesysSimulatorClient.sleep(Duration.ofMillis(500));
				assertThat(genesys.messagesWithId(wamid)).hasSize(1);
				JdbcClient jdbc = worker.getBean(JdbcClient.class);
				assertThat(jdbc.sql("select status from message_tracking where meta_message_id = ?").param(wamid)
						.query(String.class).single()).isEqualTo("RELAYED");
				assertThat(restartTopology.messagesOf(INBOUND)).isZero();
			}
		}
		finally {
			if (restartTopology != null) {
				restartTopology.delete();
			}
		}
	}

	private static ConfigurableApplicationContext start(int port, Path database, String prefix, String roles) {
		return new SpringApplicationBuilder(SwitchboardApplication.class).run("--spring.profiles.active=sandbox",
				"--server.port=" + port, "--switchboard.database.data-dir=" + database, "--switchboard.roles=" + roles,
				"--switchboard.work.transport=rabbitmq", "--switchboard.work.rabbitmq.prefix=" + prefix,
				"--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=5672",
				"--switchboard.work.poll-interval=100ms", "--switchboard.work.initial-backoff=200ms",
				"--switchboard.work.max-attempts=" + MAX_ATTEMPTS, "--switchboard.work.retry-for=" + RETRY_FOR,
				"--switchboard.work.rabbitmq.in-place-wait=1s", "--switchboard.admin.api-key=" + ADMIN_KEY);
	}

	private HttpResponse<String> post(byte[] webhook) throws IOException, InterruptedException {
		return http.send(MetaWebhooks.signed(URI.create("http://localhost:" + port + "/webhook/whatsapp"), webhook,
				MetaWebhooks.SANDBOX_APP_SECRET), HttpResponse.BodyHandlers.ofString());
	}

	private static String ledgerStatus(String wamid) {
		return app.getBean(JdbcClient.class).sql("select status from message_tracking where meta_message_id = ?")
				.param(wamid).query(String.class).optional().orElse("");
	}

	private static Map<String, Object> awaitDeadLetter(String where) {
		JdbcClient jdbc = app.getBean(JdbcClient.class);
		await(() -> jdbc.sql("select count(*) from dead_letters where " + where).query(Long.class).single() == 1,
				"a dead letter where " + where);
		return jdbc.sql("select id, work_id, channel, ordering_key, tenant_id, payload::text as payload, reason, "
				+ "last_error, attempts, state from dead_letters where " + where).query().singleRow();
	}

	private static long outboxSize() {
		return app.getBean(JdbcClient.class).sql("select count(*) from work_items").query(Long.class).single();
	}

	private static double count(String name, String channel) {
		Counter counter = app.getBean(MeterRegistry.class).find(name).tag("channel", channel).counter();
		return counter == null ? 0 : counter.count();
	}

	private static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within " + PATIENCE + ": " + what);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(50));
		}
	}

	/**
	 * The type of a queue, found without the management plugin: declaring it again with the same arguments but as a
	 * classic queue fails with "inequivalent arg 'x-queue-type' ... current is '<type>'" unless it is one (and with
	 * another argument's name if that one differs).
	 */
	private static String typeOf(Connection connection, String queue, Map<String, Object> arguments)
			throws IOException {
		Map<String, Object> asClassic = new HashMap<>(arguments);
		asClassic.put("x-queue-type", "classic");
		try {
			redeclare(connection, queue, asClassic);
			return "classic";
		}
		catch (IOException e) {
			String reason = String.valueOf(e.getCause());
			assertThat(reason).contains("inequivalent arg 'x-queue-type'");
			return reason.replaceAll("(?s).*current is '([a-z]+)'.*", "$1");
		}
	}

	private static void redeclare(Connection connection, String queue, Map<String, Object> arguments)
			throws IOException {
		Channel channel = connection.createChannel();
		channel.queueDeclare(queue, true, false, false, arguments);
		try {
			channel.close();
		}
		catch (Exception ignored) {
			// a failed declaration closed it already
		}
	}

	private static boolean rabbitMqAnswers() {
		try (Connection ignored = connect()) {
			return true;
		}
		catch (Exception e) {
			return false;
		}
	}

	private static Connection connect() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(5672);
		factory.setUsername("guest");
		factory.setPassword("guest");
		factory.setConnectionTimeout(2000);
		return factory.newConnection("switchboard-tests");
	}

	private static String newPrefix() {
		return "it-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String newCustomer() {
		return "4477009" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * The exchanges and queues one application declared, as far as the tests need them.
	 */
	private record Topology(String prefix, SortedSet<String> channels, int shards) {

		static Topology of(ConfigurableApplicationContext app, String prefix) {
			SortedSet<String> channels = new TreeSet<>();
			app.getBeansOfType(WorkHandler.class).values().forEach(handler -> channels.add(handler.channel()));
			return new Topology(prefix, channels, app.getBean(RabbitWorkSettings.class).shards());
		}

		String deadLetterQueue(String channel) {
			return prefix + "." + channel + ".dlq";
		}

		/** Ready messages in a queue. */
		long messages(String queue) {
			return passive(queue).getMessageCount();
		}

		boolean exists(String queue) {
			try {
				passive(queue);
				return true;
			}
			catch (IllegalStateException e) {
				return false;
			}
		}

		/** Consumers of a queue, active or standing by. */
		long consumers(String queue) {
			return passive(queue).getConsumerCount();
		}

		private static AMQP.Queue.DeclareOk passive(String queue) {
			try (Connection connection = connect(); Channel channel = connection.createChannel()) {
				return channel.queueDeclarePassive(queue);
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}

		/** Ready messages in the shard queues of a channel. */
		long messagesOf(String channel) {
			long total = 0;
			for (int k = 0; k < shards; k++) {
				total += messages(prefix + "." + channel + "." + k);
			}
			return total;
		}

		/**
		 * @return the message id.
		 */
		String publish(String routingKey, String body, Map<String, Object> headers) throws Exception {
			return publish(prefix + ".work", routingKey, "test-" + UUID.randomUUID(), body, headers);
		}

		String publish(String exchange, String routingKey, String id, String body, Map<String, Object> headers)
				throws Exception {
			try (Connection connection = connect(); Channel channel = connection.createChannel()) {
				channel.confirmSelect();
				channel.basicPublish(exchange, routingKey, true,
						new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2)
								.messageId(id).headers(headers).build(),
						body.getBytes(StandardCharsets.UTF_8));
				channel.waitForConfirmsOrDie(5000);
			}
			return id;
		}

		void delete() throws Exception {
			try (Connection connection = connect(); Channel channel = connection.createChannel()) {
				for (String workChannel : channels) {
					for (int k = 0; k < shards; k++) {
						channel.queueDelete(prefix + "." + workChannel + "." + k);
					}
					channel.queueDelete(deadLetterQueue(workChannel));
				}
				channel.exchangeDelete(prefix + ".work");
				channel.exchangeDelete(prefix + ".work.dlx");
			}
		}
	}
}

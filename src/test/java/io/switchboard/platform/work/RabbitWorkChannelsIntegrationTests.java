package io.switchboard.platform.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.MetaWebhooks;
import io.switchboard.SwitchboardApplication;
import io.switchboard.platform.WorkChannels;
import io.switchboard.platform.WorkHandler;
import io.switchboard.platform.work.rabbit.RabbitWorkSettings;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
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

import tools.jackson.databind.JsonNode;

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
	void anOutageThatOutlastsTheRetryPeriodIsRecordedAsFailedAndDeadLettered() throws Exception {
		GenesysSimulatorClient genesys = new GenesysSimulatorClient(port);
		long deadLettersBefore = topology.messages(topology.deadLetterQueue(INBOUND));
		double failedBefore = count("switchboard.work.failed", INBOUND);
		genesys.fault("message", 503, 0, 1_000);
		try {
			String wamid = MetaWebhooks.newWamid();
			assertThat(post(MetaWebhooks.text(newCustomer(), "Fay", wamid, "never arrives")).statusCode())
					.isEqualTo(200);
			await(() -> "FAILED".equals(ledgerStatus(wamid)), "the ledger shows the message failed");
			await(() -> topology.messages(topology.deadLetterQueue(INBOUND)) == deadLettersBefore + 1,
					"the message is in the dead-letter queue");
			assertThat(count("switchboard.work.failed", INBOUND)).isEqualTo(failedBefore + 1);
			assertThat(genesys.messagesWithId(wamid)).isEmpty();
		}
		finally {
			genesys.clearFaults();
		}
	}

	@Test
	void anUnreadableMessageIsDeadLetteredAtOnce() throws Exception {
		String dlq = topology.deadLetterQueue(WorkChannels.GENESYS_EVENTS);
		long before = topology.messages(dlq);
		double failedBefore = count("switchboard.work.failed", WorkChannels.GENESYS_EVENTS);
		topology.publish(WorkChannels.GENESYS_EVENTS + ".0", "{not json", Map.of("switchboard-attempt", 1));
		await(() -> topology.messages(dlq) == before + 1, "the unreadable message is in the dead-letter queue");
		await(() -> count("switchboard.work.failed", WorkChannels.GENESYS_EVENTS) == failedBefore + 1,
				"the unreadable message is counted as failed");
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
		return new SpringApplicationBuilder(SwitchboardApplication.class).run("--server.port=" + port,
				"--switchboard.database.data-dir=" + database, "--switchboard.roles=" + roles,
				"--switchboard.work.transport=rabbitmq", "--switchboard.work.rabbitmq.prefix=" + prefix,
				"--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=5672",
				"--switchboard.work.poll-interval=100ms", "--switchboard.work.initial-backoff=200ms",
				"--switchboard.work.max-attempts=" + MAX_ATTEMPTS, "--switchboard.work.retry-for=" + RETRY_FOR,
				"--switchboard.work.rabbitmq.in-place-wait=1s");
	}

	private HttpResponse<String> post(byte[] webhook) throws IOException, InterruptedException {
		return http.send(MetaWebhooks.signed(URI.create("http://localhost:" + port + "/webhook/whatsapp"), webhook,
				MetaWebhooks.SANDBOX_APP_SECRET), HttpResponse.BodyHandlers.ofString());
	}

	private static String ledgerStatus(String wamid) {
		return app.getBean(JdbcClient.class).sql("select status from message_tracking where meta_message_id = ?")
				.param(wamid).query(String.class).optional().orElse("");
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

		void publish(String routingKey, String body, Map<String, Object> headers) throws Exception {
			try (Connection connection = connect(); Channel channel = connection.createChannel()) {
				channel.confirmSelect();
				channel.basicPublish(prefix + ".work", routingKey, true,
						new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2)
								.messageId("test-" + UUID.randomUUID()).headers(headers).build(),
						body.getBytes(StandardCharsets.UTF_8));
				channel.waitForConfirmsOrDie(5000);
			}
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

package io.switchboard.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.GenesysSimulatorClient;
import io.switchboard.GenesysWebhookPayloads;
import io.switchboard.MetaSimulatorClient;
import io.switchboard.MetaWebhooks;
import io.switchboard.SwitchboardApplication;
import io.switchboard.media.store.InProcessS3;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The media flows of seed 001 with the S3 store: the whole application, started with
 * {@code switchboard.media.store=s3} against a real S3 API server started by the test (s3proxy, in process), relays a
 * customer's image to the Genesys simulator through a presigned link it fetches, and an agent's document to the Meta
 * simulator, uploaded and sent by id; both copies are in the seed's buckets under their tenant.
 */
class S3MediaFlowsIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final AtomicInteger CUSTOMERS = new AtomicInteger(900_800);

	private static @Nullable InProcessS3 s3;
	private static @Nullable ConfigurableApplicationContext app;
	private static int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startS3ProxyAndTheApplication() throws IOException {
		s3 = InProcessS3.start();
		assumeTrue(s3.unavailable() == null, s3::unavailable);
		Path data = Files.createTempDirectory("switchboard-s3-flows");
		port = freePort();
		app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--spring.profiles.active=sandbox", "--switchboard.sandbox.with-production-settings=true",
				"--server.port=" + port, "--switchboard.database.data-dir=" + data.resolve("pg"),
				"--switchboard.media.directory=" + data.resolve("media"),
				"--switchboard.work.poll-interval=100ms",
				"--switchboard.media.store=s3",
				"--switchboard.media.s3.endpoint=" + s3.endpoint(),
				"--switchboard.media.s3.access-key=" + InProcessS3.ACCESS_KEY,
				"--switchboard.media.s3.secret-key=" + InProcessS3.SECRET_KEY);
	}

	@AfterAll
	static void stopTheApplicationAndS3Proxy() throws Exception {
		if (app != null) {
			app.close();
		}
		if (s3 != null) {
			s3.close();
		}
	}

	@Test
	void aCustomersImageReachesTheAgentThroughAPresignedLinkToTheMediaInboundBucket() throws Exception {
		String customer = customer();
		byte[] image = png();

		HttpResponse<String> delivered = http.send(HttpRequest.newBuilder(url("/sandbox/meta/customer/media?from="
				+ customer + "&name=Pia&type=image&caption=" + URLEncoder.encode("The box arrived damaged",
						StandardCharsets.UTF_8)))
				.header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
		JsonNode answer = JSON.readTree(delivered.body());
		assertThat(answer.get("webhookStatus").asInt()).as(delivered.body()).isEqualTo(200);
		String wamid = answer.get("wamid").asString();

		JsonNode message = new GenesysSimulatorClient(port).awaitMessages(wamid, m -> m.size() == 1, PATIENCE)
				.getFirst();
		JsonNode attachment = message.at("/body/content/0/attachment");
		assertThat(attachment.get("mediaType").asString()).isEqualTo("Image");
		assertThat(attachment.get("url").asString()).as("an s3proxy presigned link")
				.startsWith(s3().endpoint() + "/media-inbound/sandbox/" + sha256(image) + "?")
				.contains("X-Amz-Signature=").doesNotContain("/media/");
		assertThat(message.at("/body/text").asString()).isEqualTo("The box arrived damaged");
		assertThat(message.at("/attachments/0/sha256").asString()).as("Genesys fetched the copy")
				.isEqualTo(sha256(image));
		assertThat(s3().object("media-inbound", "sandbox/" + sha256(image))).hasValueSatisfying(
				stored -> assertThat(stored).isEqualTo(image));
	}

	@Test
	void anAgentsDocumentIsKeptInTheMediaOutboundBucketAndSentByIdWithItsName() throws Exception {
		String customer = customerWhoJustWrote();
		byte[] pdf = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Invoice AB-1234\n"
				+ "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

		HttpResponse<String> attached = http.send(HttpRequest.newBuilder(
				url("/sandbox/genesys/control/agent-attachments?filename=Invoice.pdf"))
				.header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
		String attachmentId = JSON.readTree(attached.body()).get("id").asString();
		HttpResponse<String> sent = http.send(HttpRequest.newBuilder(url("/sandbox/genesys/control/agent-messages"))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
						{"integrationId":"%s","toId":"%s","toIdType":"Phone","text":"Your invoice","attachmentId":"%s"}"""
						.formatted(GenesysWebhookPayloads.SANDBOX_INTEGRATION, customer, attachmentId))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		String id = JSON.readTree(sent.body()).get("id").asString();

		JsonNode body = new MetaSimulatorClient(port).awaitSent(id, s -> s.size() == 1, PATIENCE).getFirst()
				.get("body");
		assertThat(body.get("type").asString()).isEqualTo("document");
		assertThat(body.at("/document/filename").asString()).isEqualTo("Invoice.pdf");
		assertThat(body.at("/document/id").asString()).isNotBlank();
		assertThat(body.at("/document/link").isMissingNode()).as("sent by uploaded id, not by link").isTrue();
		assertThat(s3().object("media-outbound", "sandbox/" + sha256(pdf))).hasValueSatisfying(
				stored -> assertThat(stored).isEqualTo(pdf));
	}

	private String customerWhoJustWrote() throws Exception {
		String customer = customer();
		String wamid = MetaWebhooks.newWamid();
		HttpResponse<String> accepted = http.send(MetaWebhooks.signed(url("/webhook/whatsapp"),
				MetaWebhooks.text(customer, "Customer", wamid, "hello"), MetaWebhooks.SANDBOX_APP_SECRET),
				HttpResponse.BodyHandlers.ofString());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		new GenesysSimulatorClient(port).awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		return customer;
	}

	private static InProcessS3 s3() {
		return Optional.ofNullable(s3).orElseThrow();
	}

	private static URI url(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static String customer() {
		return "4477009" + CUSTOMERS.incrementAndGet();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static byte[] png() throws IOException {
		BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
		image.setRGB(5, 2, 0x00ff00);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}
}

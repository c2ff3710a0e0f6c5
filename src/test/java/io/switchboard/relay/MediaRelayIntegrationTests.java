package io.switchboard.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.GenesysWebhookPayloads;
import io.switchboard.MetaSimulatorClient;
import io.switchboard.MetaWebhooks;
import io.switchboard.media.MediaKey;
import io.switchboard.media.MediaStore;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Media both ways, end to end over real HTTP against the simulators: a customer's file reaches Genesys as an
 * attachment fetched from Switchboard's copy; an agent's file is fetched, uploaded to WhatsApp and sent by id; what
 * cannot be fetched or sent gives the agent a {@code Failed} receipt with why.
 */
class MediaRelayIntegrationTests extends AbstractIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final AtomicInteger CUSTOMERS = new AtomicInteger(900_500);

	private final GenesysSimulatorClient genesys = new GenesysSimulatorClient(PORT);
	private final MetaSimulatorClient meta = new MetaSimulatorClient(PORT);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MediaStore media;

	@Test
	void aCustomersImageReachesTheAgentAsAnAttachmentFromSwitchboardsCopy() throws Exception {
		String customer = customer();
		byte[] image = png();

		String wamid = customerSends(customer, "image", "image/png", image, "The box arrived damaged", null);

		JsonNode message = genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE).getFirst();
		JsonNode attachment = message.at("/body/content/0/attachment");
		assertThat(attachment.get("mediaType").asString()).isEqualTo("Image");
		assertThat(attachment.get("mime").asString()).isEqualTo("image/png");
		assertThat(attachment.get("sha256").asString()).isEqualTo(sha256(image));
		assertThat(attachment.get("url").asString()).startsWith("http://localhost:" + PORT + "/media/media-inbound/")
				.doesNotContain("lookaside").doesNotContain("/sandbox/meta");
		assertThat(message.at("/body/text").asString()).isEqualTo("The box arrived damaged");
		assertThat(message.get("attachments")).as("Genesys fetched the copy").hasSize(1);
		assertThat(message.at("/attachments/0/sha256").asString()).isEqualTo(sha256(image));
		assertThat(message.at("/attachments/0/contentSizeBytes").asLong()).isEqualTo(image.length);

		JsonNode entry = ledgerEntry(wamid);
		assertThat(entry.get("status").asString()).isEqualTo("RELAYED");
		assertThat(entry.at("/media/type").asString()).isEqualTo("image");
		assertThat(entry.at("/media/size").asLong()).isEqualTo(image.length);
		assertThat(entry.at("/media/sha256").asString()).isEqualTo(sha256(image));
	}

	@Test
	void aCustomersVoiceNoteAndDocumentKeepTheirKindAndName() throws Exception {
		String customer = customer();
		byte[] voice = "OggS-a-voice-note-of-the-customer".getBytes(StandardCharsets.UTF_8);
		String voiceNote = customerSends(customer, "audio", "audio/ogg; codecs=opus", voice, null, null);
		JsonNode audio = genesys.awaitMessages(voiceNote, m -> m.size() == 1, PATIENCE).getFirst();
		assertThat(audio.at("/body/content/0/attachment/mediaType").asString()).isEqualTo("Audio");
		assertThat(audio.at("/body/content/0/attachment/mime").asString()).isEqualTo("audio/ogg");

		byte[] pdf = pdf("Order 4711");
		String document = customerSends(customer, "document", "application/pdf", pdf, "my order", "Bestellung 4711.pdf");
		JsonNode file = genesys.awaitMessages(document, m -> m.size() == 1, PATIENCE).getFirst();
		assertThat(file.at("/body/content/0/attachment/mediaType").asString()).isEqualTo("File");
		assertThat(file.at("/body/content/0/attachment/filename").asString()).isEqualTo("Bestellung 4711.pdf");
		assertThat(file.at("/attachments/0/sha256").asString()).isEqualTo(sha256(pdf));
	}

	@Test
	void aFileWhoseChecksumDoesNotMatchReachesTheAgentAsANoticeAndTheLedgerShowsItFailed() throws Exception {
		String customer = customer();
		String mediaId = "9" + (100_000_000_000_000L + CUSTOMERS.incrementAndGet());
		byte[] image = png();
		assertThat(http.send(HttpRequest.newBuilder(url("/sandbox/meta/control/media/" + mediaId + "?phoneNumberId="
				+ MetaWebhooks.SANDBOX_PHONE_NUMBER_ID)).header("Content-Type", "image/png")
				.PUT(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(200);
		String wamid = MetaWebhooks.newWamid();
		String wrongSha = java.util.Base64.getEncoder().encodeToString(
				MessageDigest.getInstance("SHA-256").digest("not these bytes".getBytes(StandardCharsets.UTF_8)));
		byte[] webhook = """
				{"object":"whatsapp_business_account","entry":[{"id":"300000000000001","changes":[{"value":{\
				"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550100001","phone_number_id":"%s"},\
				"contacts":[{"profile":{"name":"Tom"},"wa_id":"%s"}],"messages":[{"from":"%s","id":"%s","timestamp":"%d",\
				"type":"image","image":{"id":"%s","mime_type":"image/png","sha256":"%s","caption":"see"}}]},\
				"field":"messages"}]}]}""".formatted(MetaWebhooks.SANDBOX_PHONE_NUMBER_ID, customer, customer, wamid,
				Instant.now().getEpochSecond(), mediaId, wrongSha).getBytes(StandardCharsets.UTF_8);
		assertThat(http.send(MetaWebhooks.signed(url("/webhook/whatsapp"), webhook, MetaWebhooks.SANDBOX_APP_SECRET),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

		JsonNode message = genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE).getFirst();
		assertThat(message.at("/body/content").isMissingNode()).as("no attachment").isTrue();
		assertThat(message.at("/body/text").asString()).contains("could not be retrieved").contains("checksum")
				.contains("see");
		JsonNode entry = await(() -> ledger(wamid).stream().filter(e -> e.get("status").asString().equals("FAILED"))
				.toList(), e -> !e.isEmpty(), wamid).getFirst();
		assertThat(entry.get("failureReason").asString()).contains("checksum");
	}

	@Test
	void aFileAboveGenesysLimitReachesTheAgentAsANoticeWithALinkToSwitchboardsCopy() throws Exception {
		String customer = customer();
		byte[] document = new byte[26 * 1024 * 1024];
		System.arraycopy(pdf("large").clone(), 0, document, 0, 64);

		String wamid = customerSends(customer, "document", "application/pdf", document, null, "scan.pdf");

		JsonNode message = genesys.awaitMessages(wamid, m -> m.size() == 1, Duration.ofSeconds(60)).getFirst();
		assertThat(message.at("/body/content").isMissingNode()).as("no attachment above 25 MB").isTrue();
		String text = message.at("/body/text").asString();
		assertThat(text).startsWith("[Document: scan.pdf] http://localhost:" + PORT + "/media/media-inbound/");
		HttpResponse<byte[]> copy = http.send(HttpRequest.newBuilder(URI.create(text.substring(text.indexOf("http"))))
				.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(copy.statusCode()).as("the agent can open the link").isEqualTo(200);
		assertThat(sha256(copy.body())).isEqualTo(sha256(document));
	}

	@Test
	void aFileGenesysRefusesForItsTypeReachesTheAgentAsANoticeWithALink() throws Exception {
		String customer = customer();
		String mediaId = "9" + (200_000_000_000_000L + CUSTOMERS.incrementAndGet());
		byte[] pdf = pdf("not a picture");
		assertThat(http.send(HttpRequest.newBuilder(url("/sandbox/meta/control/media/" + mediaId + "?phoneNumberId="
				+ MetaWebhooks.SANDBOX_PHONE_NUMBER_ID)).header("Content-Type", "application/pdf")
				.PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(200);
		String wamid = MetaWebhooks.newWamid();
		byte[] webhook = """
				{"object":"whatsapp_business_account","entry":[{"id":"300000000000001","changes":[{"value":{\
				"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550100001","phone_number_id":"%s"},\
				"contacts":[{"profile":{"name":"Uma"},"wa_id":"%s"}],"messages":[{"from":"%s","id":"%s","timestamp":"%d",\
				"type":"image","image":{"id":"%s","mime_type":"application/pdf","caption":"odd one"}}]},\
				"field":"messages"}]}]}""".formatted(MetaWebhooks.SANDBOX_PHONE_NUMBER_ID, customer, customer, wamid,
				Instant.now().getEpochSecond(), mediaId).getBytes(StandardCharsets.UTF_8);
		assertThat(http.send(MetaWebhooks.signed(url("/webhook/whatsapp"), webhook, MetaWebhooks.SANDBOX_APP_SECRET),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

		List<JsonNode> messages = genesys.awaitMessages(wamid, m -> !m.isEmpty(), PATIENCE);
		JsonNode accepted = messages.getLast();
		assertThat(accepted.at("/body/content").isMissingNode()).as("the retry carries no attachment").isTrue();
		assertThat(accepted.at("/body/text").asString()).startsWith("odd one\n[Image: " + mediaId + ".pdf] http://localhost:"
				+ PORT + "/media/media-inbound/");
	}

	@Test
	void anAgentsDocumentIsFetchedUploadedAndSentByIdWithItsNameAndCaption() throws Exception {
		String customer = customerWhoJustWrote();
		byte[] pdf = pdf("Invoice AB-1234");
		String attachment = agentAttaches("Invoice-AB-1234.pdf", "application/pdf", pdf);

		JsonNode sent = agentSends(customer, "Your invoice", attachment);
		String id = sent.get("id").asString();

		JsonNode send = meta.awaitSent(id, s -> s.size() == 1, PATIENCE).getFirst();
		JsonNode body = send.get("body");
		assertThat(body.get("type").asString()).isEqualTo("document");
		assertThat(body.at("/document/filename").asString()).isEqualTo("Invoice-AB-1234.pdf");
		assertThat(body.at("/document/caption").asString()).isEqualTo("Your invoice");
		assertThat(body.at("/document/id").asString()).isNotBlank();
		assertThat(body.at("/document/link").isMissingNode()).as("sent by uploaded id, not by link").isTrue();
		assertThat(sha256(mediaContent(body.at("/document/id").asString()))).isEqualTo(sha256(pdf));
		assertThat(awaitReceipt(id).get("status").asString()).isEqualTo("Delivered");
	}

	@Test
	void anExecutableDeclaredAsAJpegIsRefusedWithAFailedReceipt() throws Exception {
		String customer = customerWhoJustWrote();
		byte[] executable = new byte[512];
		executable[0] = 'M';
		executable[1] = 'Z';
		executable[60] = (byte) 0x80;
		System.arraycopy("PE\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, executable, 0x80, 4);
		String attachment = agentAttaches("holiday.jpg", "image/jpeg", executable);

		String id = agentSends(customer, "a photo", attachment).get("id").asString();

		JsonNode receipt = awaitReceipt(id);
		assertThat(receipt.get("status").asString()).isEqualTo("Failed");
		assertThat(receipt.at("/reasons/0/message").asString()).contains("WhatsApp does not take")
				.doesNotContain("image/jpeg as");
		assertThat(meta.sentWithCallback(id)).isEmpty();
	}

	@Test
	void attachmentUrlsOfPrivateOrMetadataAddressesAreNeverFetchedForARealTenant() throws Exception {
		String customer = "4477009" + CUSTOMERS.incrementAndGet();
		String wamid = MetaWebhooks.newWamid();
		http.send(MetaWebhooks.signed(url("/webhook/whatsapp"), MetaWebhooks.text(ACME_PHONE_NUMBER_ID, customer,
				"Ola", wamid, "hello"), ACME_APP_SECRET), HttpResponse.BodyHandlers.ofString());
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		for (String url : List.of("http://127.0.0.1:" + PORT + "/sandbox/genesys/api/api/v2/downloads/x",
				"http://10.0.0.1/label.jpg", "http://169.254.169.254/latest/meta-data/", "http://[::1]:" + PORT + "/x",
				"http://localhost:" + PORT + "/x")) {
			String id = GenesysWebhookPayloads.newId();
			byte[] webhook = acmeAgentAttachment(id, customer, url);
			assertThat(http.send(GenesysWebhookPayloads.signed(url("/webhook/genesys/outbound"), webhook,
					ACME_WEBHOOK_SECRET), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
			JsonNode receipt = awaitReceipt(id);
			assertThat(receipt.get("status").asString()).as(url).isEqualTo("Failed");
			assertThat(receipt.at("/reasons/0/message").asString()).as(url).contains("is not allowed");
			assertThat(meta.sentWithCallback(id)).as(url).isEmpty();
		}
	}

	@Test
	void theServiceApiSendsAnImageFromAUrlOncePerIdempotencyKeyAndRefusesABadUrl() throws Exception {
		String customer = customerWhoJustWrote();
		byte[] image = png();
		String url = agentAttachment("label.png", "image/png", image).get("url").asString();
		String body = "{\"to\":\"%s\",\"imageUrl\":\"%s\",\"caption\":\"Your label\"}".formatted(customer, url);
		String key = "label-" + customer;

		HttpResponse<String> first = api("/whatsapp/send/image", body, key);
		HttpResponse<String> again = api("/whatsapp/send/image", body, key);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		long messageId = JSON.readTree(first.body()).get("messageId").asLong();
		assertThat(JSON.readTree(again.body()).get("messageId").asLong()).isEqualTo(messageId);
		List<JsonNode> sent = await(() -> meta.sentTo(customer).stream()
				.filter(m -> m.at("/body/type").asString().equals("image")).toList(), m -> !m.isEmpty(), customer);
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(meta.sentTo(customer).stream().filter(m -> m.at("/body/type").asString().equals("image")))
				.as("once per Idempotency-Key").hasSize(1);
		assertThat(sent.getFirst().at("/body/image/caption").asString()).isEqualTo("Your label");
		assertThat(sha256(mediaContent(sent.getFirst().at("/body/image/id").asString()))).isEqualTo(sha256(image));

		HttpResponse<String> notAUrl = api("/whatsapp/send/image",
				"{\"to\":\"%s\",\"imageUrl\":\"file:///etc/passwd\"}".formatted(customer), null);
		assertThat(notAUrl.statusCode()).isEqualTo(400);
		assertThat(notAUrl.body()).contains("imageUrl").contains("must be an http(s) URL");
	}

	@Test
	void rawWebhookPayloadsAreCopiedIntoTheWebhookBucketsOfTheirTenant() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		byte[] whatsapp = MetaWebhooks.text(customer(), "Ida", wamid, "keep my words");
		http.send(MetaWebhooks.signed(url("/webhook/whatsapp"), whatsapp, MetaWebhooks.SANDBOX_APP_SECRET),
				HttpResponse.BodyHandlers.ofString());
		String id = GenesysWebhookPayloads.newId();
		byte[] genesysBody = GenesysWebhookPayloads.text(id, customerWhoJustWrote(), "and mine");
		http.send(GenesysWebhookPayloads.signed(url("/webhook/genesys/outbound"), genesysBody,
				GenesysWebhookPayloads.SANDBOX_WEBHOOK_SECRET), HttpResponse.BodyHandlers.ofString());

		String inbound = await(() -> jdbc.sql("""
				select p.archive_key from whatsapp_webhook_payloads p join whatsapp_inbound_events e
				on e.payload_id = p.id where e.wamid = ? and p.archive_key is not null""").param(wamid)
				.query(String.class).list(), k -> !k.isEmpty(), wamid).getFirst();
		String outbound = await(() -> jdbc.sql("select archive_key from genesys_inbound_events where "
				+ "genesys_message_id = ? and archive_key is not null").param(id).query(String.class).list(),
				k -> !k.isEmpty(), id).getFirst();

		assertThat(inbound).isEqualTo("webhooks-inbound/sandbox/" + sha256(whatsapp));
		assertThat(outbound).isEqualTo("webhooks-outbound/sandbox/" + sha256(genesysBody));
		try (var stored = media.open(MediaKey.parse(inbound))) {
			assertThat(stored.readAllBytes()).isEqualTo(whatsapp);
		}
		try (var stored = media.open(MediaKey.parse(outbound))) {
			assertThat(stored.readAllBytes()).isEqualTo(genesysBody);
		}
	}

	private String customerSends(String customer, String type, String contentType, byte[] file,
			@Nullable String caption, @Nullable String filename)
			throws Exception {
		StringBuilder query = new StringBuilder("?from=" + customer + "&name=Pia&type=" + type);
		if (caption != null) {
			query.append("&caption=").append(URLEncoder.encode(caption, StandardCharsets.UTF_8));
		}
		if (filename != null) {
			query.append("&filename=").append(URLEncoder.encode(filename, StandardCharsets.UTF_8));
		}
		if (type.equals("audio")) {
			query.append("&voice=true");
		}
		HttpResponse<String> delivered = http.send(HttpRequest.newBuilder(url("/sandbox/meta/customer/media" + query))
				.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
		JsonNode answer = JSON.readTree(delivered.body());
		assertThat(answer.get("webhookStatus").asInt()).as(delivered.body()).isEqualTo(200);
		return answer.get("wamid").asString();
	}

	private String agentAttaches(String filename, String contentType, byte[] file) throws Exception {
		return agentAttachment(filename, contentType, file).get("id").asString();
	}

	private HttpResponse<String> api(String path, String body, @Nullable String idempotencyKey) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("X-Tenant-ID", "sandbox")
			.header("Authorization", "Bearer " + SANDBOX_API_KEY).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode agentAttachment(String filename, String contentType, byte[] file) throws Exception {
		HttpResponse<String> attached = http.send(HttpRequest.newBuilder(url(
				"/sandbox/genesys/control/agent-attachments?filename=" + URLEncoder.encode(filename,
						StandardCharsets.UTF_8)))
				.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
		return JSON.readTree(attached.body());
	}

	private JsonNode agentSends(String customer, String text, String attachmentId) throws Exception {
		HttpResponse<String> sent = http.send(HttpRequest.newBuilder(url("/sandbox/genesys/control/agent-messages"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"integrationId":"%s","toId":"%s","toIdType":"Phone","text":"%s","attachmentId":"%s"}"""
						.formatted(GenesysWebhookPayloads.SANDBOX_INTEGRATION, customer, text, attachmentId))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		JsonNode answer = JSON.readTree(sent.body());
		assertThat(answer.get("webhookStatus").asInt()).as(sent.body()).isEqualTo(200);
		return answer;
	}

	private byte[] acmeAgentAttachment(String id, String customer, String attachmentUrl) {
		return """
				{"id":"%s","channel":{"id":"%s","platform":"Open","type":"Private","messageId":"%s",\
				"to":{"id":"%s","idType":"Phone"},"from":{"id":"%s","idType":"Opaque","nickname":"Acme"},\
				"time":"%s"},"type":"Text","text":"label attached","content":[{"contentType":"Attachment",\
				"attachment":{"id":"a1","mediaType":"Image","url":"%s","mime":"image/jpeg","filename":"label.jpg"}}],\
				"direction":"Outbound","originatingEntity":"Human"}"""
				.formatted(id, ACME_INTEGRATION, id, customer, ACME_INTEGRATION, Instant.now(), attachmentUrl)
				.getBytes(StandardCharsets.UTF_8);
	}

	private String customerWhoJustWrote() throws Exception {
		String customer = customer();
		String wamid = MetaWebhooks.newWamid();
		http.send(MetaWebhooks.signed(url("/webhook/whatsapp"), MetaWebhooks.text(customer, "Customer", wamid,
				"hello"), MetaWebhooks.SANDBOX_APP_SECRET), HttpResponse.BodyHandlers.ofString());
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		return customer;
	}

	private JsonNode awaitReceipt(String genesysId) {
		return await(() -> genesys.received("receipt", "").stream()
				.filter(r -> genesysId.equals(r.at("/body/id").asString())).toList(), r -> !r.isEmpty(), genesysId)
				.getFirst().get("body");
	}

	private List<JsonNode> ledger(String wamid) {
		try {
			JsonNode entries = JSON.readTree(http.send(HttpRequest.newBuilder(url("/api/messages?limit=500"))
					.header("X-Tenant-ID", "sandbox").header("Authorization", "Bearer " + SANDBOX_API_KEY).GET()
					.build(), HttpResponse.BodyHandlers.ofString()).body());
			return entries.valueStream().filter(e -> wamid.equals(e.get("whatsappMessageId").asString())).toList();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private JsonNode ledgerEntry(String wamid) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			JsonNode entries = JSON.readTree(http.send(HttpRequest.newBuilder(url("/api/messages?limit=500"))
					.header("X-Tenant-ID", "sandbox").header("Authorization", "Bearer " + SANDBOX_API_KEY).GET()
					.build(), HttpResponse.BodyHandlers.ofString()).body());
			for (JsonNode entry : entries) {
				if (wamid.equals(entry.get("whatsappMessageId").asString()) && entry.has("media")
						&& !entry.get("media").isNull()) {
					return entry;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the ledger shows no media for " + wamid + ": " + entries);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(100));
		}
	}

	private byte[] mediaContent(String mediaId) throws Exception {
		HttpResponse<byte[]> content = http.send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + PORT + "/sandbox/meta/control/media/" + mediaId + "/content")).GET()
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(content.statusCode()).isEqualTo(200);
		return content.body();
	}

	private static <T> List<T> await(java.util.function.Supplier<List<T>> read, Predicate<List<T>> condition,
			String what) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		List<T> found = read.get();
		while (!condition.test(found)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("nothing arrived for " + what + ": " + found);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(50));
			found = read.get();
		}
		return found;
	}

	private static String customer() {
		return "4477009" + CUSTOMERS.incrementAndGet();
	}

	private static byte[] png() throws Exception {
		BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
		image.setRGB(3, 3, 0xff0000);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static byte[] pdf(String text) {
		return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}
}

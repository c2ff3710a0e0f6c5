package io.switchboard.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.sandbox.SandboxTenant;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated Graph API's media over real HTTP: upload and its validation, media id lookup, the token-bound,
 * expiring download, sends by id and by link, and the customer's media messages.
 */
class MetaMediaIntegrationTests extends AbstractIntegrationTests {

	private static final String NUMBER = SandboxTenant.PHONE_NUMBER_ID;
	private static final String TOKEN = SandboxTenant.META_ACCESS_TOKEN;
	private static final String VERSION = SandboxTenant.GRAPH_VERSION;
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Map<String, String> MIMES = Map.of("image", "image/jpeg", "video", "video/mp4", "audio",
			"audio/ogg", "document", "application/pdf", "sticker", "image/webp");

	@Test
	void uploadedMediaResolvesToADownloadThatNeedsTheTokenAndExpires() throws Exception {
		byte[] file = "a small png, as far as the simulator cares".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> upload = upload(http, NUMBER, TOKEN, "image/png", "label.png", file, true);
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
		String id = JSON.readTree(upload.body()).path("id").stringValue();

		JsonNode meta = JSON.readTree(get("/sandbox/meta/graph/" + VERSION + "/" + id, TOKEN).body());
		assertThat(meta.path("messaging_product").stringValue()).isEqualTo("whatsapp");
		assertThat(meta.path("id").stringValue()).isEqualTo(id);
		assertThat(meta.path("mime_type").stringValue()).isEqualTo("image/png");
		assertThat(meta.path("file_size").asLong()).isEqualTo(file.length);
		assertThat(meta.path("sha256").stringValue())
				.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
		String download = meta.path("url").stringValue();
		assertThat(download).contains("/sandbox/meta/lookaside/").contains("mid=" + id);

		assertThat(fetch(download, null).statusCode()).isEqualTo(401);
		assertThat(fetch(download, "acme-access-token").statusCode()).isEqualTo(404);
		HttpResponse<byte[]> ok = fetch(download, TOKEN);
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.body()).isEqualTo(file);
		assertThat(ok.headers().firstValue("Content-Type")).hasValue("image/png");

		post("/sandbox/meta/control/media/expire-urls");
		assertThat(fetch(download, TOKEN).statusCode()).isEqualTo(404);
		String fresh = JSON.readTree(get("/sandbox/meta/graph/" + VERSION + "/" + id, TOKEN).body()).path("url")
				.stringValue();
		assertThat(fresh).isNotEqualTo(download);
		assertThat(fetch(fresh, TOKEN).body()).isEqualTo(file);
	}

	@Test
	void unknownMediaIdsAndForeignTokensAreRefusedLikeGraph() throws Exception {
		HttpResponse<String> unknown = get("/sandbox/meta/graph/" + VERSION + "/999999999999999", TOKEN);
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(unknown.body()).path("error").path("code").asInt()).isEqualTo(100);
		HttpResponse<String> noToken = get("/sandbox/meta/graph/" + VERSION + "/999999999999999", null);
		assertThat(noToken.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(noToken.body()).path("error").path("code").asInt()).isEqualTo(190);
	}

	@Test
	void uploadsAreValidatedLikeTheCloudApi() throws Exception {
		HttpResponse<String> wrongType = upload(http, NUMBER, TOKEN, "application/x-msdownload", "setup.exe",
				new byte[] { 'M', 'Z' }, true);
		assertThat(wrongType.statusCode()).isEqualTo(400);
		JsonNode error = JSON.readTree(wrongType.body()).path("error");
		assertThat(error.path("code").asInt()).isEqualTo(100);
		assertThat(error.path("error_data").path("details").stringValue()).contains("image/jpeg")
				.contains("application/x-msdownload");

		HttpResponse<String> empty = upload(http, NUMBER, TOKEN, "image/jpeg", "empty.jpg", new byte[0], true);
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(empty.body()).path("error").path("code").asInt()).isEqualTo(131053);

		HttpResponse<String> noProduct = upload(http, NUMBER, TOKEN, "image/jpeg", "a.jpg", new byte[] { 1 }, false);
		assertThat(noProduct.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(noProduct.body()).path("error").path("error_data").path("details").stringValue())
				.contains("messaging_product");

		HttpResponse<String> foreign = upload(http, NUMBER, "acme-access-token", "image/jpeg", "a.jpg",
				new byte[] { 1 }, true);
		assertThat(foreign.statusCode()).isEqualTo(401);
	}

	@Test
	void mediaSendsNeedKnownIdsOfTheRightKindAndFetchLinks() throws Exception {
		String pdf = JSON.readTree(upload(http, NUMBER, TOKEN, "application/pdf", "invoice.pdf",
				"%PDF-1.4".getBytes(StandardCharsets.US_ASCII), true).body()).path("id").stringValue();

		HttpResponse<String> unknown = sendMessage("{\"messaging_product\":\"whatsapp\",\"to\":\"447700900777\","
				+ "\"type\":\"document\",\"document\":{\"id\":\"123456789012345\"}}");
		assertThat(JSON.readTree(unknown.body()).path("error").path("code").asInt()).isEqualTo(100);

		HttpResponse<String> wrongKind = sendMessage("{\"messaging_product\":\"whatsapp\",\"to\":\"447700900777\","
				+ "\"type\":\"image\",\"image\":{\"id\":\"" + pdf + "\"}}");
		assertThat(JSON.readTree(wrongKind.body()).path("error").path("code").asInt()).isEqualTo(131053);

		HttpResponse<String> byId = sendMessage("{\"messaging_product\":\"whatsapp\",\"to\":\"447700900777\","
				+ "\"type\":\"document\",\"document\":{\"id\":\"" + pdf + "\",\"filename\":\"invoice.pdf\"}}");
		assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);

		String link = url(MetaMediaControlController.MEDIA_PATH + pdf + "/content").toString();
		HttpResponse<String> byLink = sendMessage("{\"messaging_product\":\"whatsapp\",\"to\":\"447700900777\","
				+ "\"type\":\"document\",\"document\":{\"link\":\"" + link + "\",\"filename\":\"copy.pdf\"}}");
		assertThat(byLink.statusCode()).as(byLink.body()).isEqualTo(200);
		HttpResponse<String> deadLink = sendMessage("{\"messaging_product\":\"whatsapp\",\"to\":\"447700900777\","
				+ "\"type\":\"document\",\"document\":{\"link\":\"" + url("/sandbox/meta/control/media/0/content")
				+ "\"}}");
		assertThat(JSON.readTree(deadLink.body()).path("error").path("code").asInt()).isEqualTo(131053);

		JsonNode sent = JSON.readTree(get("/sandbox/meta/control/sent?to=447700900777&type=document", null).body());
		assertThat(sent.size()).isEqualTo(2);
		String copy = sent.get(1).path("mediaUrl").stringValue();
		HttpResponse<byte[]> copied = http.send(HttpRequest.newBuilder(url(copy)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(new String(copied.body(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");
	}

	@Test
	void theCustomerSendsAVoiceNoteAsASignedMediaWebhook() throws Exception {
		byte[] ogg = "OggS voice".getBytes(StandardCharsets.US_ASCII);
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(
				"/sandbox/meta/customer/media?from=447700900778&name=Ana&type=audio&voice=true"))
				.header("Content-Type", "audio/ogg").POST(HttpRequest.BodyPublishers.ofByteArray(ogg)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).path("webhookStatus").asInt()).isEqualTo(200);
		JsonNode transcript = JSON.readTree(get("/sandbox/meta/customer/messages?from=447700900778", null).body());
		JsonNode sent = transcript.get(transcript.size() - 1);
		assertThat(sent.path("type").stringValue()).isEqualTo("audio");
		assertThat(sent.path("mime").stringValue()).isEqualTo("audio/ogg; codecs=opus");
		JsonNode meta = JSON.readTree(get("/sandbox/meta/graph/" + VERSION + "/" + sent.path("mediaId").stringValue(),
				TOKEN).body());
		assertThat(fetch(meta.path("url").stringValue(), TOKEN).body()).isEqualTo(ogg);

		HttpResponse<String> exe = http.send(HttpRequest.newBuilder(url(
				"/sandbox/meta/customer/media?from=447700900778&type=document&filename=x.exe"))
				.header("Content-Type", "application/x-msdownload")
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1 })).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(exe.statusCode()).isEqualTo(400);
	}

	/**
	 * @return the send with its media ids replaced by media uploaded to the simulator and its links by URLs the
	 *         simulator can fetch, as a real send would have them.
	 */
	static JsonNode withSimulatorMedia(JsonNode request, HttpClient http) throws Exception {
		String type = request.path("type").asString("");
		if (!MIMES.containsKey(type)) {
			return request;
		}
		ObjectNode copy = (ObjectNode) request.deepCopy();
		ObjectNode media = (ObjectNode) copy.get(type);
		HttpResponse<String> upload = upload(http, NUMBER, TOKEN, MIMES.get(type), "corpus." + type,
				("corpus " + type).getBytes(StandardCharsets.US_ASCII), true);
		String id = JSON.readTree(upload.body()).path("id").stringValue();
		if (media.has("id")) {
			media.put("id", id);
		}
		else {
			media.put("link", url(MetaMediaControlController.MEDIA_PATH + id + "/content").toString());
		}
		return copy;
	}

	static HttpResponse<String> upload(HttpClient http, String number, String token, String mime, String filename,
			byte[] file, boolean withProduct) throws Exception {
		String boundary = "----sandbox" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		if (withProduct) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\n"
					+ "whatsapp\r\n").getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + mime + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: " + mime + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(url("/sandbox/meta/graph/" + VERSION + "/" + number + "/media"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> sendMessage(String body) throws Exception {
		return http.send(HttpRequest.newBuilder(url("/sandbox/meta/graph/" + VERSION + "/" + NUMBER + "/messages"))
				.header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void post(String path) throws Exception {
		http.send(HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.discarding());
	}

	private HttpResponse<byte[]> fetch(String download, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(download));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}
}

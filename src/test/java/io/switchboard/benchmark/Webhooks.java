package io.switchboard.benchmark;

import io.switchboard.GenesysWebhookPayloads;
import io.switchboard.MetaWebhooks;
import io.switchboard.harness.StandInTenant;
import io.switchboard.platform.WebhookSignatures;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhooks the benchmark sends, built with the test suite's payload builders and signed with
 * {@link WebhookSignatures} exactly as their senders sign them: WhatsApp notifications carrying one text message each,
 * with a unique wamid, from a pool of customers (hex HMAC under the tenant's app secret), and Genesys agent messages
 * to those customers with a unique message id (base64 HMAC under the integration's webhook secret).
 */
final class Webhooks {

	static final String WHATSAPP = "/webhook/whatsapp";
	static final String GENESYS = "/webhook/genesys/outbound";

	/**
	 * A signed webhook.
	 *
	 * @param id its wamid (WhatsApp) or Genesys message id: what the stand-ins see again when it is relayed.
	 */
	record Signed(String id, byte[] body, String signature) {}

	private final StandInTenant tenant;
	private final int customers;
	private final String runTag;
	private final AtomicLong sequence = new AtomicLong();

	/**
	 * @param runTag eight hex digits that make this run's ids unique.
	 */
	Webhooks(StandInTenant tenant, int customers, String runTag) {
		this.tenant = tenant;
		this.customers = customers;
		this.runTag = runTag;
	}

	int customers() {
		return customers;
	}

	static String customer(int index) {
		return "4477009%05d".formatted(index);
	}

	/**
	 * @return {@code count} customer messages, customer after customer round the pool.
	 */
	List<Signed> inbound(int count) {
		List<Signed> webhooks = new ArrayList<>(count);
		Instant now = Instant.now();
		for (int i = 0; i < count; i++) {
			String wamid = "wamid.BENCH" + runTag + "X" + sequence.incrementAndGet();
			String from = customer(i % customers);
			byte[] body = MetaWebhooks.text(tenant.phoneNumberId(), from, "Customer " + (i % customers), wamid,
					"Benchmark message " + i, now);
			webhooks.add(new Signed(wamid, body, WebhookSignatures.signHex(body, tenant.appSecret())));
		}
		return webhooks;
	}

	/**
	 * Agent messages; their ids begin with the customer's index, so each customer's messages share one conversation id.
	 *
	 * @return {@code count} agent messages to the customers {@code first}, {@code first + 1}, ... round the pool.
	 */
	List<Signed> outbound(int count, int first) {
		List<Signed> webhooks = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int to = (first + i) % customers;
			String id = "%012x%s%012x".formatted(to, runTag, sequence.incrementAndGet());
			byte[] body = GenesysWebhookPayloads.text(tenant.integrationId(), id, customer(to), "Phone",
					"Agent reply " + i);
			webhooks.add(new Signed(id, body, WebhookSignatures.signBase64(body, tenant.webhookSecret())));
		}
		return webhooks;
	}

	/**
	 * @return a customer's document message naming the document's media id, with its type, file name and base64
	 *         SHA-256, shaped like the Cloud API's ({@code conformance/whatsapp/inbound/06-document-filename.json}).
	 */
	Signed document(Document document, int customer) {
		String wamid = "wamid.BENCH" + runTag + "D" + sequence.incrementAndGet();
		String from = customer(customer);
		String json = """
				{"object":"whatsapp_business_account","entry":[{"id":"190000000000099","changes":[{"value":{\
				"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550109999","phone_number_id":"%s"},\
				"contacts":[{"profile":{"name":"Customer %d"},"wa_id":"%s"}],"messages":[{"from":"%s","id":"%s",\
				"timestamp":"%d","type":"document","document":{"caption":"The benchmark's document",\
				"filename":"%s","mime_type":"%s","sha256":"%s","id":"%s"}}]},"field":"messages"}]}]}\
				""".formatted(tenant.phoneNumberId(), customer, from, from, wamid, Instant.now().getEpochSecond(),
				document.filename(), document.mimeType().replace("/", "\\/"), document.sha256Base64(),
				document.mediaId());
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return new Signed(wamid, body, WebhookSignatures.signHex(body, tenant.appSecret()));
	}

	static HttpRequest request(URI uri, Signed webhook) {
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("X-Hub-Signature-256", webhook.signature())
				.POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()))
				.build();
	}

	/**
	 * Writes the webhooks for wrk: one file per wrk thread ({@code <base>.1}, {@code <base>.2}, ...), the webhooks
	 * dealt out in turn, one {@code <signature> TAB <body>} per line.
	 */
	static void writeForWrk(Path base, int threads, List<Signed> webhooks) throws IOException {
		List<BufferedWriter> writers = new ArrayList<>();
		try {
			for (int t = 1; t <= threads; t++) {
				writers.add(Files.newBufferedWriter(Path.of(base + "." + t), StandardCharsets.UTF_8));
			}
			for (int i = 0; i < webhooks.size(); i++) {
				Signed webhook = webhooks.get(i);
				BufferedWriter out = writers.get(i % threads);
				out.write(webhook.signature());
				out.write('\t');
				out.write(new String(webhook.body(), StandardCharsets.UTF_8));
				out.write('\n');
			}
		}
		finally {
			for (BufferedWriter writer : writers) {
				writer.close();
			}
		}
	}
}

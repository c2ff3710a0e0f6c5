package io.switchboard.sandbox.meta;

import io.switchboard.sandbox.SandboxTenant;
import io.switchboard.sandbox.SandboxUrls;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated WhatsApp customer: turns what a customer types into the Cloud API webhook Meta would send for it,
 * signed with the number's app secret (numbers of sandbox tenants, or of tenants whose Graph base URL points at the
 * sandbox), posts it to the application's WhatsApp webhook and remembers what each customer sent, how the application
 * answered and whether the business marked it read.
 */
@Component
class MetaCustomer {

	static final int MAX_TEXT_LENGTH = 4096;
	static final int MAX_NAME_LENGTH = 256;
	static final String GRAPH_PATH = "/sandbox/meta/graph";

	private static final Logger log = LoggerFactory.getLogger(MetaCustomer.class);
	private static final int MESSAGES_PER_CUSTOMER = 500;
	private static final int CUSTOMERS = 1_000;

	private final Tenants tenants;
	private final URI webhook;
	private final HttpClient http;
	private final Clock clock;
	private final MetaMedia media;
	private final Map<String, List<Sent>> transcripts = new LinkedHashMap<>(16, 0.75f, true) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, List<Sent>> eldest) {
			return size() > CUSTOMERS;
		}
	};

	@Autowired
	MetaCustomer(Tenants tenants, SandboxUrls urls, MetaMedia media) {
		this(tenants, urls.resolve("/webhook/whatsapp"), Clock.systemUTC(), media);
	}

	MetaCustomer(Tenants tenants, URI webhook, Clock clock, MetaMedia media) {
		this.tenants = tenants;
		this.media = media;
		this.webhook = webhook;
		this.clock = clock;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5)).build();
	}

	/**
	 * What a customer types.
	 *
	 * @param from the customer's WhatsApp number ({@code wa_id}), 6 to 15 digits.
	 * @param name the customer's WhatsApp profile name; no profile is sent if blank.
	 * @param text the message, at most {@value #MAX_TEXT_LENGTH} characters.
	 * @param phoneNumberId the business number ({@code phone_number_id}) written to; the sandbox tenant's if not given.
	 */
	record Typed(@Nullable String from, @Nullable String name, @Nullable String text,
			@Nullable String phoneNumberId) {}

	/**
	 * A message a customer sent and what became of it.
	 *
	 * @param wamid the WhatsApp message id.
	 * @param phoneNumberId the business number written to.
	 * @param from the customer's number.
	 * @param name the profile name sent, if any.
	 * @param text the message.
	 * @param timestamp when it was sent; the webhook's {@code timestamp} is its whole seconds.
	 * @param webhookStatus the HTTP status the application answered the webhook with; {@literal null} if it could not
	 *        be reached.
	 * @param webhookError why the webhook could not be delivered, if it could not.
	 * @param readAt when the business marked it (or a later message) read, if it did.
	 * @param type the message type: {@code text}, {@code image}, {@code video}, {@code audio}, {@code document} or
	 *        {@code sticker}.
	 * @param mediaId the media id of a media message.
	 * @param mediaUrl where the control API serves the media, for a media message.
	 * @param mime the media's MIME type.
	 * @param filename the document's file name.
	 */
	record Sent(String wamid, String phoneNumberId, String from, @Nullable String name, String text, Instant timestamp,
			@Nullable Integer webhookStatus, @Nullable String webhookError, @Nullable Instant readAt, String type,
			@Nullable String mediaId, @Nullable String mediaUrl, @Nullable String mime, @Nullable String filename) {

		Sent read(Instant at) {
			return readAt != null ? this
					: new Sent(wamid, phoneNumberId, from, name, text, timestamp, webhookStatus, webhookError, at, type,
							mediaId, mediaUrl, mime, filename);
		}
	}

	/**
	 * A file a customer sends.
	 *
	 * @param from the customer's number.
	 * @param name the profile name; none if blank.
	 * @param type {@code image}, {@code video}, {@code audio}, {@code document} or {@code sticker}; from the MIME type
	 *        if not given.
	 * @param mime the file's MIME type, one WhatsApp supports for the type.
	 * @param content the file.
	 * @param caption for images, videos and documents.
	 * @param filename for documents.
	 * @param voice whether an audio is a recorded voice note.
	 * @param phoneNumberId the business number written to; the sandbox tenant's if not given.
	 */
	record Attached(@Nullable String from, @Nullable String name, @Nullable String type, @Nullable String mime,
			byte[] content, @Nullable String caption, @Nullable String filename, boolean voice,
			@Nullable String phoneNumberId) {}

	/**
	 * Validates what the customer typed, sends the webhook and records the outcome.
	 *
	 * @throws IllegalArgumentException if the input is invalid or no sandbox number matches.
	 */
	Sent send(Typed typed) {
		String from = typed.from() == null ? "" : typed.from().strip();
		if (!from.matches("\\d{6,15}")) {
			throw new IllegalArgumentException("from must be the customer's number: 6 to 15 digits, no '+'");
		}
		String text = typed.text() == null ? "" : typed.text();
		if (text.isBlank()) {
			throw new IllegalArgumentException("text must not be blank");
		}
		if (text.length() > MAX_TEXT_LENGTH) {
			throw new IllegalArgumentException("text must be at most " + MAX_TEXT_LENGTH + " characters long");
		}
		String name = typed.name() == null || typed.name().isBlank() ? null : typed.name().strip();
		if (name != null && name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("name must be at most " + MAX_NAME_LENGTH + " characters long");
		}
		Tenant tenant = number(typed.phoneNumberId()).orElseThrow(() -> new IllegalArgumentException(
				typed.phoneNumberId() == null ? "no sandbox WhatsApp number is configured"
						: "no sandbox tenant has the WhatsApp number " + typed.phoneNumberId()));

		Instant timestamp = clock.instant();
		String wamid = Wamids.inbound(from);
		byte[] body = MetaJson.bytes(webhook(tenant, from, name, wamid, timestamp, text));
		MetaWebhookDelivery.Answer answer = MetaWebhookDelivery.post(http, webhook, body, tenant.whatsapp().appSecret());
		Integer status = answer.status();
		String error = answer.error();
		log.debug("Sandbox customer message {} for number {}: webhook answered {}", wamid,
				tenant.whatsapp().phoneNumberId(), answer.summary());

		Sent sent = new Sent(wamid, tenant.whatsapp().phoneNumberId(), from, name, text, timestamp, status, error,
				null, "text", null, null, null, null);
		record(sent);
		return sent;
	}

	/**
	 * Validates the file like WhatsApp (supported type and size), stores it in the simulated Meta's media under a new
	 * media id of the business number, sends the media message's webhook and records the outcome.
	 *
	 * @throws IllegalArgumentException if the input is invalid or no sandbox number matches.
	 */
	Sent send(Attached attached) {
		String from = attached.from() == null ? "" : attached.from().strip();
		if (!from.matches("\\d{6,15}")) {
			throw new IllegalArgumentException("from must be the customer's number: 6 to 15 digits, no '+'");
		}
		String mime = attached.mime() == null ? "" : attached.mime().strip();
		MetaMedia.Kind byMime = MetaMedia.Kind.of(mime).orElseThrow(() -> new IllegalArgumentException(
				"WhatsApp does not send files of type '" + mime + "'; supported: "
						+ String.join(", ", MetaMedia.Kind.allMimes())));
		String type = attached.type() == null || attached.type().isBlank() ? byMime.type : attached.type().strip();
		MetaMedia.Kind kind = MetaMedia.Kind.ofType(type).orElseThrow(() -> new IllegalArgumentException(
				"type must be image, video, audio, document or sticker"));
		if (kind != byMime) {
			throw new IllegalArgumentException("a " + type + " must be one of " + String.join(", ", kind.mimes)
					+ ", not " + mime);
		}
		if (attached.content().length == 0) {
			throw new IllegalArgumentException("the file is empty");
		}
		if (attached.content().length > kind.maxBytes) {
			throw new IllegalArgumentException("WhatsApp sends " + type + "s of at most " + kind.limit());
		}
		String caption = attached.caption() == null || attached.caption().isBlank() ? null : attached.caption();
		if (caption != null && (kind == MetaMedia.Kind.AUDIO || kind == MetaMedia.Kind.STICKER)) {
			throw new IllegalArgumentException(type + " messages have no caption");
		}
		if (caption != null && caption.codePointCount(0, caption.length()) > MetaGraphValidation.MAX_CAPTION) {
			throw new IllegalArgumentException("caption must be at most " + MetaGraphValidation.MAX_CAPTION
					+ " characters long");
		}
		String filename = attached.filename() == null || attached.filename().isBlank() ? null
				: attached.filename().strip();
		if (kind == MetaMedia.Kind.DOCUMENT && filename == null) {
			throw new IllegalArgumentException("a document needs a filename");
		}
		String name = attached.name() == null || attached.name().isBlank() ? null : attached.name().strip();
		Tenant tenant = number(attached.phoneNumberId()).orElseThrow(() -> new IllegalArgumentException(
				attached.phoneNumberId() == null ? "no sandbox WhatsApp number is configured"
						: "no sandbox tenant has the WhatsApp number " + attached.phoneNumberId()));
		String phoneNumberId = tenant.whatsapp().phoneNumberId();
		String storedMime = kind == MetaMedia.Kind.AUDIO && attached.voice() && MetaMedia.base(mime).equals("audio/ogg")
				? "audio/ogg; codecs=opus" : mime;
		MetaMedia.Item item = media.add(phoneNumberId, storedMime, filename, attached.content());

		Instant timestamp = clock.instant();
		String wamid = Wamids.inbound(from);
		ObjectNode root = webhook(tenant, from, name, wamid, timestamp, type, message -> {
			ObjectNode content = message.putObject(type);
			if (caption != null) {
				content.put("caption", caption);
			}
			if (filename != null && kind == MetaMedia.Kind.DOCUMENT) {
				content.put("filename", filename);
			}
			content.put("mime_type", storedMime);
			content.put("sha256", item.sha256Base64());
			content.put("id", item.id());
			if (kind == MetaMedia.Kind.IMAGE) {
				content.put("url", media.issue(item).url().toString());
			}
			if (kind == MetaMedia.Kind.AUDIO) {
				content.put("voice", attached.voice());
			}
			if (kind == MetaMedia.Kind.STICKER) {
				content.put("animated", false);
			}
		});
		MetaWebhookDelivery.Answer answer = MetaWebhookDelivery.post(http, webhook, MetaJson.bytes(root),
				tenant.whatsapp().appSecret());
		log.debug("Sandbox customer {} message {} (media {}) for number {}: webhook answered {}", type, wamid,
				item.id(), phoneNumberId, answer.summary());
		Sent sent = new Sent(wamid, phoneNumberId, from, name, caption == null ? "" : caption, timestamp,
				answer.status(), answer.error(), null, type, item.id(),
				MetaMediaControlController.MEDIA_PATH + item.id() + "/content", storedMime, filename);
		record(sent);
		return sent;
	}

	private void record(Sent sent) {
		String from = sent.from();
		synchronized (transcripts) {
			List<Sent> transcript = transcripts.computeIfAbsent(from, k -> new ArrayList<>());
			transcript.add(sent);
			if (transcript.size() > MESSAGES_PER_CUSTOMER) {
				transcript.removeFirst();
			}
		}
	}

	/**
	 * @return what the customer sent, oldest first.
	 */
	List<Sent> transcript(String from) {
		synchronized (transcripts) {
			return List.copyOf(transcripts.getOrDefault(from, List.of()));
		}
	}

	/**
	 * @return when the customer last wrote to the business number, if they ever did (as far as remembered).
	 */
	Optional<Instant> lastMessageAt(String phoneNumberId, String from) {
		synchronized (transcripts) {
			List<Sent> transcript = transcripts.getOrDefault(from, List.of());
			for (int i = transcript.size() - 1; i >= 0; i--) {
				if (transcript.get(i).phoneNumberId().equals(phoneNumberId)) {
					return Optional.of(transcript.get(i).timestamp());
				}
			}
			return Optional.empty();
		}
	}

	/**
	 * Marks a customer's message read by the business, with every earlier message of that customer to that number,
	 * as WhatsApp does.
	 *
	 * @return the customer, if the message is one a customer sent to that number.
	 */
	Optional<String> markRead(String phoneNumberId, String wamid) {
		Instant now = clock.instant();
		synchronized (transcripts) {
			for (List<Sent> transcript : transcripts.values()) {
				for (int i = 0; i < transcript.size(); i++) {
					Sent sent = transcript.get(i);
					if (sent.wamid().equals(wamid) && sent.phoneNumberId().equals(phoneNumberId)) {
						for (int j = 0; j <= i; j++) {
							if (transcript.get(j).phoneNumberId().equals(phoneNumberId)) {
								transcript.set(j, transcript.get(j).read(now));
							}
						}
						return Optional.of(sent.from());
					}
				}
			}
			return Optional.empty();
		}
	}

	private Optional<Tenant> number(@Nullable String phoneNumberId) {
		List<Tenant> sandbox = tenants.all().stream().filter(MetaCustomer::hosted).toList();
		if (phoneNumberId == null || phoneNumberId.isBlank()) {
			return sandbox.stream().filter(t -> t.id().equals(SandboxTenant.ID)).findFirst()
					.or(() -> sandbox.stream().findFirst());
		}
		return sandbox.stream().filter(t -> t.whatsapp().phoneNumberId().equals(phoneNumberId)).findFirst();
	}

	/**
	 * Whether the simulated Meta hosts the tenant's number: every sandbox tenant's, and any other whose Graph base URL
	 * points at the simulator ({@code …/sandbox/meta/graph}).
	 */
	static boolean hosted(Tenant tenant) {
		return tenant.sandbox() || SandboxUrls.pathOf(tenant.whatsapp().graphBaseUrl()).equals(GRAPH_PATH);
	}

	/**
	 * Builds the Cloud API webhook for one inbound text message, fields in Meta's order.
	 */
	static ObjectNode webhook(Tenant tenant, String from, @Nullable String name, String wamid, Instant timestamp,
			String text) {
		return webhook(tenant, from, name, wamid, timestamp, "text", message -> message.putObject("text")
				.put("body", text));
	}

	/**
	 * Builds the Cloud API webhook for one inbound message of the type, whose content {@code content} adds.
	 */
	static ObjectNode webhook(Tenant tenant, String from, @Nullable String name, String wamid, Instant timestamp,
			String type, Consumer<ObjectNode> content) {
		MetaWebhookDelivery.Notification notification = MetaWebhookDelivery.Notification.of(tenant);
		ObjectNode value = notification.value();
		ObjectNode contact = value.putArray("contacts").addObject();
		if (name != null) {
			contact.putObject("profile").put("name", name);
		}
		contact.put("wa_id", from);
		ObjectNode message = value.putArray("messages").addObject();
		message.put("from", from);
		message.put("id", wamid);
		message.put("timestamp", Long.toString(timestamp.getEpochSecond()));
		message.put("type", type);
		content.accept(message);
		return notification.root();
	}
}

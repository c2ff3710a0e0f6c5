package io.switchboard.sandbox.meta;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.web.ProblemType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The customer's side of the simulated Meta: a customer writes to the business number and Meta delivers the webhook
 * to the application; the customer's phone shows what the business sent and reports when the customer read it.
 * Errors are problem details.
 */
@RestController
@RequestMapping("/sandbox/meta/customer")
@Tag(name = "Sandbox: WhatsApp customer simulator", description = "A customer writing to the sandbox number")
class MetaCustomerController {

	private final MetaCustomer customer;
	private final MetaOutbox outbox;
	private final MetaStatusWebhooks statuses;
	private final MetaMedia media;

	MetaCustomerController(MetaCustomer customer, MetaOutbox outbox, MetaStatusWebhooks statuses, MetaMedia media) {
		this.media = media;
		this.customer = customer;
		this.outbox = outbox;
		this.statuses = statuses;
	}

	/**
	 * What the customer's message became.
	 *
	 * @param wamid its WhatsApp message id.
	 * @param webhookStatus the HTTP status the application's webhook answered; {@literal null} if unreachable.
	 * @param webhookError why the webhook could not be reached, if it could not.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Delivery(String wamid, @Nullable Integer webhookStatus, @Nullable String webhookError) {}

	@Operation(summary = "The customer sends a text; Meta's signed webhook goes to /webhook/whatsapp",
			description = "Body: {\"from\":\"447700900123\",\"name\":\"Ana\",\"text\":\"...\"}")
	@PostMapping("/messages")
	Delivery send(@RequestBody MetaCustomer.Typed typed) {
		MetaCustomer.Sent sent = customer.send(typed);
		return new Delivery(sent.wamid(), sent.webhookStatus(), sent.webhookError());
	}

	@Operation(summary = "The customer sends an image, video, audio (voice note), document or sticker",
			description = "The body is the file, its Content-Type the file's MIME type; from, name, type, caption, "
					+ "filename and voice are query parameters. The file becomes a media id of the business number and "
					+ "Meta's signed media webhook goes to /webhook/whatsapp")
	@PostMapping("/media")
	Delivery sendMedia(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String caption,
			@RequestParam(required = false) @Nullable String filename,
			@RequestParam(required = false, defaultValue = "false") boolean voice,
			@RequestParam(required = false) @Nullable String phoneNumberId,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			@RequestBody(required = false) byte @Nullable [] file) {
		MetaCustomer.Sent sent = customer.send(new MetaCustomer.Attached(from, name, type, contentType,
				file == null ? new byte[0] : file, caption, filename, voice, phoneNumberId));
		return new Delivery(sent.wamid(), sent.webhookStatus(), sent.webhookError());
	}

	@Operation(summary = "What a customer sent, oldest first, with how the application's webhook answered")
	@GetMapping("/messages")
	List<MetaCustomer.Sent> messages(@RequestParam String from) {
		return customer.transcript(from.strip());
	}

	/**
	 * A message the business sent to the customer, as their phone shows it.
	 *
	 * @param wamid its id.
	 * @param phoneNumberId the business number it came from.
	 * @param sentAt when the business sent it.
	 * @param type the Cloud API message type.
	 * @param text what the bubble says.
	 * @param buttons the titles of its reply buttons.
	 * @param status the ticks: {@code accepted} (none yet), {@code sent}, {@code delivered}, {@code read}, or
	 *        {@code failed}.
	 * @param mediaUrl where the media of a media message can be fetched (the control API).
	 * @param mime the media's MIME type.
	 * @param filename the document's file name as the message names it (or as it was uploaded).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record BusinessMessage(String wamid, String phoneNumberId, Instant sentAt, String type, String text,
			List<String> buttons, String status, @Nullable String mediaUrl, @Nullable String mime,
			@Nullable String filename) {}

	@Operation(summary = "What businesses sent to a customer, oldest first, with the status reached")
	@GetMapping("/inbox")
	List<BusinessMessage> inbox(@RequestParam String to) {
		String customer = to.strip();
		if (customer.isEmpty()) {
			throw new IllegalArgumentException("to must be the customer's number or BSUID");
		}
		return outbox.find(customer, null, null).stream().map(send -> {
			MetaRendering.Rendered shown = MetaRendering.render(send.body);
			MetaMedia.Item item = send.mediaId == null ? null : media.find(send.mediaId).orElse(null);
			String named = send.body.path(send.checked.type()).path("filename").asString("");
			String filename = !named.isBlank() ? named : item == null ? null : item.filename();
			return new BusinessMessage(send.wamid, send.phoneNumberId, send.receivedAt, send.checked.type(),
					shown.text(), shown.buttons(), send.progress(),
					item == null ? null : MetaMediaControlController.MEDIA_PATH + item.id() + "/content",
					item == null ? null : item.mime(), filename);
		}).toList();
	}

	/**
	 * A message the customer has seen.
	 *
	 * @param wamid the message the business sent.
	 */
	record Read(@Nullable String wamid) {}

	@Operation(summary = "The customer read a message: Meta's read status goes to the application",
			description = "Body: {\"wamid\":\"...\"}; sent and delivered go first if still missing (automatic "
					+ "statuses on)")
	@PostMapping("/read")
	ResponseEntity<Map<String, String>> read(@RequestBody Read read) {
		String wamid = read.wamid() == null ? "" : read.wamid().strip();
		if (wamid.isEmpty()) {
			throw new IllegalArgumentException("wamid is required");
		}
		MetaOutbox.Send send = outbox.find(wamid)
				.orElseThrow(() -> new IllegalArgumentException("no business message has the wamid " + wamid));
		statuses.customerRead(send);
		return ResponseEntity.accepted().body(Map.of("wamid", wamid));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException e) {
		return ProblemType.INVALID_REQUEST.problem(e.getMessage());
	}
}

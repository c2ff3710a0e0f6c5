package io.switchboard.sandbox.meta;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.tenant.Tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated Graph API's messages endpoint ({@code POST /{version}/{phone-number-id}/messages}) for the numbers
 * the simulated Meta hosts (sandbox tenants', and those of tenants whose Graph base URL points at
 * {@code /sandbox/meta/graph}). A send is checked in this order: scripted faults, the bearer token (the access token of
 * the number's tenant, else 190), the number, the number's throughput (130429), the body (see
 * {@link MetaGraphValidation}), when enforced, the 24-hour window (131047), and the media of media sends
 * ({@link MetaSendMedia}: 100 for an unknown id, 131053 for media it cannot take). Accepted sends are answered with a new
 * wamid and followed by status webhooks ({@link MetaStatusWebhooks}). Mark-as-read bodies go through the same token,
 * number and throughput checks and must name a message a customer sent to the number.
 */
@RestController
@Tag(name = "Sandbox: WhatsApp Cloud API simulator", description = "The simulated Graph API the application sends to")
class MetaGraphController {

	private static final Logger log = LoggerFactory.getLogger(MetaGraphController.class);
	private static final Duration WINDOW = Duration.ofHours(24);

	private final MetaAccess access;
	private final MetaSendMedia sendMedia;
	private final MetaFaults faults;
	private final MetaStats stats;
	private final MetaThroughput throughput;
	private final MetaOutbox outbox;
	private final MetaStatusWebhooks statuses;
	private final MetaCustomer customers;
	private final MetaOptions options;
	private final JsonMapper json;

	MetaGraphController(MetaAccess access, MetaSendMedia sendMedia, MetaFaults faults, MetaStats stats, MetaThroughput throughput,
			MetaOutbox outbox, MetaStatusWebhooks statuses, MetaCustomer customers, MetaOptions options,
			JsonMapper json) {
		this.access = access;
		this.sendMedia = sendMedia;
		this.faults = faults;
		this.stats = stats;
		this.throughput = throughput;
		this.outbox = outbox;
		this.statuses = statuses;
		this.customers = customers;
		this.options = options;
		this.json = json;
	}

	@Operation(summary = "Send a message, or mark a customer's message read (Cloud API messages endpoint)")
	@PostMapping("/sandbox/meta/graph/{version}/{phoneNumberId}/messages")
	ResponseEntity<byte[]> messages(@PathVariable String version, @PathVariable String phoneNumberId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) byte @Nullable [] body) {
		JsonNode request = parse(body);
		if (request != null && MetaGraphValidation.isMarkRead(request)) {
			stats.markReadCalls.incrementAndGet();
			Tenant tenant = authorize(phoneNumberId, authorization);
			pace(tenant);
			MetaGraphValidation.CheckedRead read = MetaGraphValidation.markRead(request);
			String customer = customers.markRead(phoneNumberId, read.messageId()).orElseThrow(
					() -> MetaGraphError.invalidParameter("Param message_id " + read.messageId()
							+ " is not a message a customer sent to this phone number"));
			log.debug("Meta simulator: message {} of customer {} marked read{}", read.messageId(), customer,
					read.typing() ? " with the typing indicator" : "");
			return ok(JsonNodeFactory.instance.objectNode().put("success", true));
		}

		stats.sendCalls.incrementAndGet();
		Optional<MetaFaults.Fault> fault = faults.next();
		if (fault.isPresent()) {
			throw fault.get().toError();
		}
		Tenant tenant = authorize(phoneNumberId, authorization);
		pace(tenant);
		if (request == null) {
			throw MetaGraphError.invalidParameter("The request body must be a JSON object");
		}
		MetaGraphValidation.CheckedSend checked = MetaGraphValidation.send(request);
		if (options.enforceWindow() && checked.freeForm()) {
			Optional<Instant> last = checked.waId() == null ? Optional.empty()
					: customers.lastMessageAt(phoneNumberId, checked.waId());
			if (last.isEmpty() || last.get().plus(WINDOW).isBefore(Instant.now())) {
				throw MetaGraphError.of(131047, null, null, null);
			}
		}

		String mediaId = MetaGraphValidation.MEDIA.contains(checked.type())
				? sendMedia.resolve(phoneNumberId, checked.type(), request.get(checked.type())) : null;
		String wamid = Wamids.outbound(checked.customer());
		MetaOutbox.Send send = outbox.accept(wamid, tenant.id(), phoneNumberId, request, checked, mediaId);
		stats.accepted.incrementAndGet();
		statuses.accepted(send);
		log.debug("Meta simulator accepted {} message {} from number {}", checked.type(), wamid, phoneNumberId);

		ObjectNode response = JsonNodeFactory.instance.objectNode();
		response.put("messaging_product", "whatsapp");
		ObjectNode contact = response.putArray("contacts").addObject();
		if (checked.to() != null) {
			contact.put("input", checked.to());
			contact.put("wa_id", checked.waId());
		}
		else {
			contact.put("input", checked.recipient());
		}
		ObjectNode message = response.putArray("messages").addObject().put("id", wamid);
		if (checked.type().equals("template")) {
			message.put("message_status", "accepted");
		}
		return ok(response);
	}

	private Tenant authorize(String phoneNumberId, @Nullable String authorization) {
		return access.forNumber(phoneNumberId, authorization);
	}

	private void pace(Tenant tenant) {
		if (!throughput.tryAcquire(tenant.whatsapp().phoneNumberId(), tenant.whatsapp().messagesPerSecond())) {
			stats.rateLimited.incrementAndGet();
			throw MetaGraphError.of(130429, null, null, null);
		}
	}

	private @Nullable JsonNode parse(byte @Nullable [] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			JsonNode node = json.readTree(body);
			return node != null && node.isObject() ? node : null;
		}
		catch (JacksonException e) {
			return null;
		}
	}

	private static ResponseEntity<byte[]> ok(ObjectNode body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
				.header("x-fb-trace-id", Wamids.fbtraceId()).body(MetaJson.bytes(body));
	}
}

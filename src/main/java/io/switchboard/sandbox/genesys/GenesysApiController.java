package io.switchboard.sandbox.genesys;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.tenant.Tenant;

import java.util.ArrayList;
import java.util.List;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated Genesys Cloud Platform API ({@code https://api.<region>}): the per-integration Open Messaging inbound
 * endpoints for customer messages, delivery receipts and customer events (typing). Each call is checked in Genesys's order: scripted faults,
 * the bearer token, the integration, then the body, then the attachments, which are fetched from their URLs without
 * credentials ({@link GenesysMedia}); what is accepted lands in the {@link GenesysInbox}.
 */
@RestController
@RequestMapping("/sandbox/genesys/api/api/v2/conversations/messages/{integrationId}/inbound/open")
@Tag(name = "Sandbox: Genesys Cloud simulator")
class GenesysApiController {

	private static final Logger log = LoggerFactory.getLogger(GenesysApiController.class);

	private final GenesysOrganisations organisations;
	private final IssuedTokens tokens;
	private final GenesysFaults faults;
	private final GenesysStats stats;
	private final GenesysInbox inbox;
	private final GenesysMedia media;
	private final JsonMapper json;

	GenesysApiController(GenesysOrganisations organisations, IssuedTokens tokens, GenesysFaults faults,
			GenesysStats stats, GenesysInbox inbox, GenesysMedia media, JsonMapper json) {
		this.media = media;
		this.organisations = organisations;
		this.tokens = tokens;
		this.faults = faults;
		this.stats = stats;
		this.inbox = inbox;
		this.json = json;
	}

	@Operation(summary = "Send an inbound open message (OpenInboundNormalizedMessage → OpenMessageNormalizedMessage)")
	@PostMapping("/message")
	ResponseEntity<?> message(@PathVariable String integrationId,
			@RequestParam(name = "prefetchConversationId", required = false) @Nullable String prefetch,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			@RequestBody(required = false) byte @Nullable [] body) {
		stats.messageCalls.incrementAndGet();
		JsonNode request = accept("message", integrationId, authorization, contentType, body);
		GenesysValidation.CheckedMessage checked = GenesysValidation.message(request);
		List<String> warnings = new ArrayList<>(checked.warnings());
		List<GenesysMedia.Item> attachments = media.fetch(request, warnings);
		GenesysInbox.Received received = inbox.message(integrationId, request, warnings, checked.id(),
				checked.nickname(), attachments);
		log.debug("Genesys simulator accepted message {} on integration {} (conversation {}, {} warning(s))",
				received.id(), integrationId, received.conversationId(), received.warnings().size());

		JsonNode channel = request.get("channel");
		ObjectNode response = json.createObjectNode();
		response.put("id", received.id());
		ObjectNode echo = response.putObject("channel");
		echo.put("id", integrationId);
		echo.put("platform", "Open");
		echo.put("type", "Private");
		copy(channel, echo, "messageId");
		echo.putObject("to").put("id", integrationId);
		echo.set("from", channel.get("from"));
		copy(channel, echo, "time");
		copy(channel, echo, "metadata");
		response.put("type", "Text");
		copy(request, response, "text");
		copy(request, response, "content");
		copy(request, response, "metadata");
		response.put("direction", "Inbound");
		if ("true".equalsIgnoreCase(prefetch)) {
			response.put("conversationId", received.conversationId());
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
	}

	@Operation(summary = "Send an inbound open receipt (OpenInboundNormalizedReceipt → OpenReceiptNormalizedMessage)")
	@PostMapping("/receipt")
	ResponseEntity<?> receipt(@PathVariable String integrationId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			@RequestBody(required = false) byte @Nullable [] body) {
		stats.receiptCalls.incrementAndGet();
		JsonNode request = accept("receipt", integrationId, authorization, contentType, body);
		GenesysValidation.CheckedReceipt checked = GenesysValidation.receipt(request);
		String id = request.get("id").stringValue();
		GenesysInbox.Received received = inbox.receipt(integrationId, id, request, checked.warnings(),
				checked.customerId());
		log.debug("Genesys simulator accepted a {} receipt for message {} on integration {}",
				request.get("status").stringValue(), id, integrationId);

		JsonNode channel = request.get("channel");
		ObjectNode response = json.createObjectNode();
		response.put("id", received.id());
		ObjectNode echo = response.putObject("channel");
		echo.put("id", integrationId);
		echo.put("platform", "Open");
		echo.put("type", "Private");
		copy(channel, echo, "messageId");
		echo.set("to", channel.get("to"));
		copy(channel, echo, "time");
		response.set("status", request.get("status"));
		copy(request, response, "reasons");
		JsonNode isFinal = request.get("isFinalReceipt");
		response.put("isFinalReceipt", isFinal != null && isFinal.asBoolean(false));
		response.put("direction", "Outbound");
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
	}

	@Operation(summary = "Send an inbound open event (OpenInboundNormalizedEvent → OpenEventNormalizedMessage)")
	@PostMapping("/event")
	ResponseEntity<?> event(@PathVariable String integrationId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			@RequestBody(required = false) byte @Nullable [] body) {
		stats.eventCalls.incrementAndGet();
		JsonNode request = accept("event", integrationId, authorization, contentType, body);
		GenesysValidation.CheckedEvent checked = GenesysValidation.event(request);
		GenesysInbox.Received received = inbox.event(integrationId, request, checked.warnings(), checked.customerId());
		log.debug("Genesys simulator accepted event {} on integration {}", received.id(), integrationId);

		JsonNode channel = request.get("channel");
		ObjectNode response = json.createObjectNode();
		response.put("id", received.id());
		ObjectNode echo = response.putObject("channel");
		echo.put("id", integrationId);
		echo.put("platform", "Open");
		echo.put("type", "Private");
		copy(channel, echo, "messageId");
		echo.putObject("to").put("id", integrationId);
		echo.set("from", channel.get("from"));
		copy(channel, echo, "time");
		response.set("events", request.get("events"));
		response.put("direction", "Inbound");
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
	}

	private JsonNode accept(String endpoint, String integrationId, @Nullable String authorization,
			@Nullable String contentType, byte @Nullable [] body) {
		faults.next(endpoint).ifPresent(fault -> {
			throw fault.toError();
		});
		IssuedTokens.Issued token = bearer(authorization);
		Tenant tenant = organisations.byIntegrationId(integrationId)
				.orElseThrow(() -> GenesysError.notFound("Unable to find an integration with id " + integrationId));
		if (!tenant.id().equals(token.tenantId())) {
			throw GenesysError.badCredentials();
		}
		if (contentType == null
				|| !MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON)) {
			throw GenesysError.unsupportedMediaType();
		}
		if (body == null || body.length == 0) {
			throw GenesysError.badRequest("The request could not be understood by the server due to malformed "
					+ "syntax: the body is empty.");
		}
		try {
			return json.readTree(body);
		}
		catch (JacksonException e) {
			throw GenesysError.badRequest("The request could not be understood by the server due to malformed "
					+ "syntax: the body is not valid JSON.");
		}
	}

	private IssuedTokens.Issued bearer(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw GenesysError.badCredentials();
		}
		return tokens.valid(authorization.substring(7).strip()).orElseThrow(GenesysError::badCredentials);
	}

	private static void copy(JsonNode from, ObjectNode to, String field) {
		JsonNode value = from.get(field);
		if (value != null && !value.isNull()) {
			to.set(field, value);
		}
	}
}

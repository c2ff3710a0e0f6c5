package io.switchboard.sandbox.genesys;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.web.ProblemType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import tools.jackson.databind.JsonNode;

/**
 * Sandbox-only controls of the simulated Genesys Cloud, which the real one does not have: what it received, scripted
 * faults, token expiry, call counts, and the agent's side: messages an agent sends to a customer, with the receipts
 * the application reported for them. Errors are problem details.
 */
@RestController
@RequestMapping("/sandbox/genesys/control")
@Tag(name = "Sandbox: Genesys Cloud simulator controls", description = "Inspect and script the simulated Genesys Cloud")
class GenesysControlController {

	private final GenesysInbox inbox;
	private final GenesysFaults faults;
	private final IssuedTokens tokens;
	private final GenesysStats stats;
	private final GenesysAgent agent;
	private final GenesysMedia media;

	GenesysControlController(GenesysInbox inbox, GenesysFaults faults, IssuedTokens tokens, GenesysStats stats,
			GenesysAgent agent, GenesysMedia media) {
		this.media = media;
		this.inbox = inbox;
		this.faults = faults;
		this.tokens = tokens;
		this.stats = stats;
		this.agent = agent;
	}

	@Operation(summary = "Messages and receipts received, oldest first",
			description = "fromId matches channel.from.id of messages and channel.to.id of receipts; messageId matches "
					+ "channel.messageId or the Genesys id")
	@GetMapping("/received")
	List<GenesysInbox.Received> received(@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String messageId,
			@RequestParam(required = false) @Nullable String fromId,
			@RequestParam(required = false) @Nullable String integrationId) {
		return inbox.find(blankToNull(kind), blankToNull(messageId), blankToNull(fromId), blankToNull(integrationId));
	}

	@Operation(summary = "Forget everything received and every conversation")
	@DeleteMapping("/received")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clearReceived() {
		inbox.clear();
	}

	@Operation(summary = "Conversations opened, one per customer and integration")
	@GetMapping("/conversations")
	List<GenesysInbox.Conversation> conversations() {
		return inbox.conversations();
	}

	/**
	 * A fault to script, see {@link GenesysFaults.Fault}.
	 */
	record FaultRequest(@Nullable String endpoint, @Nullable Integer status, @Nullable Integer retryAfterSeconds,
			@Nullable Integer times, @Nullable String message, @Nullable String code) {}

	@Operation(summary = "Answer the next calls of an endpoint (message, receipt, event, token) with an error")
	@PostMapping("/faults")
	ResponseEntity<GenesysFaults.Fault> addFault(@RequestBody FaultRequest request) {
		GenesysFaults.Fault fault = GenesysFaults.Fault.of(request.endpoint(), request.status(),
				request.retryAfterSeconds(), request.times(), request.message(), request.code());
		faults.add(fault);
		return ResponseEntity.status(HttpStatus.CREATED).body(fault);
	}

	@Operation(summary = "Faults still queued")
	@GetMapping("/faults")
	List<GenesysFaults.Pending> faults() {
		return faults.pending();
	}

	@Operation(summary = "Drop every queued fault")
	@DeleteMapping("/faults")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clearFaults() {
		faults.clear();
	}

	@Operation(summary = "Make every token issued so far invalid, as if it had expired")
	@PostMapping("/expire-tokens")
	Map<String, Integer> expireTokens() {
		return Map.of("expired", tokens.expireAll());
	}

	@Operation(summary = "Calls: tokensIssued, messageCalls, receiptCalls, tokenRequests, eventCalls, agentMessages, "
			+ "webhookCalls")
	@GetMapping("/stats")
	Map<String, Long> stats() {
		return stats.snapshot();
	}

	@Operation(summary = "Reset the call counts")
	@DeleteMapping("/stats")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resetStats() {
		stats.reset();
	}

	/**
	 * What became of an agent message.
	 *
	 * @param id its Genesys message id.
	 * @param conversationId the customer's conversation.
	 * @param webhookStatus the HTTP status the application's webhook finally answered; {@literal null} if it never
	 *        answered.
	 * @param webhookError why it never answered.
	 * @param attempts how many webhook calls were made.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AgentMessageSent(String id, String conversationId, @Nullable Integer webhookStatus,
			@Nullable String webhookError, int attempts) {}

	@PostMapping("/agent-attachments")
	@Operation(summary = "An agent attaches a file: the simulator serves it at a short-lived URL of its own",
			description = "The body is the file, its Content-Type the file's; filename is a query parameter. Send it "
					+ "with POST /agent-messages {\"attachmentId\":\"...\"}")
	ResponseEntity<GenesysMedia.Item> attach(@RequestParam(required = false) @Nullable String filename,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			@RequestBody(required = false) byte @Nullable [] file) {
		GenesysMedia.Item item = media.agentFile(contentType, filename, file == null ? new byte[0] : file);
		return ResponseEntity.status(HttpStatus.CREATED).body(item);
	}

	@Operation(summary = "An agent sends a message: Genesys's signed outbound webhook goes to the application",
			description = "Body: {\"integrationId\":\"...\",\"toId\":\"447700900123\",\"toIdType\":\"Phone\","
					+ "\"text\":\"...\",\"quickReplies\":[{\"text\":\"Yes\",\"payload\":\"yes\"}],"
					+ "\"type\":\"Text|Structured|Event\"}. Answers once the webhook is accepted, refused, or out of "
					+ "retries (429, 5xx and time-outs are repeated like Genesys does).")
	@PostMapping("/agent-messages")
	AgentMessageSent sendAgentMessage(@RequestBody GenesysAgent.Typed typed) {
		GenesysAgent.Sent sent = agent.send(typed).join();
		return new AgentMessageSent(sent.id(), sent.conversationId(), sent.webhookStatus(), sent.webhookError(),
				sent.attempts().size());
	}

	/**
	 * The latest receipt the application reported for an agent message.
	 *
	 * @param status {@code Delivered} or {@code Failed}.
	 * @param reasons the reasons of a {@code Failed} receipt, as sent.
	 * @param receivedAt when it arrived.
	 * @param count how many receipts arrived for the message.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ReceiptSeen(String status, @Nullable JsonNode reasons, Instant receivedAt, int count) {}

	/**
	 * An agent message with its receipt.
	 */
	record AgentMessage(@JsonUnwrapped GenesysAgent.Sent message, @Nullable ReceiptSeen receipt) {}

	@Operation(summary = "Messages agents sent, oldest first, each with the latest receipt the application reported "
			+ "for it (matched by id)")
	@GetMapping("/agent-messages")
	List<AgentMessage> agentMessages(@RequestParam(required = false) @Nullable String integrationId,
			@RequestParam(required = false) @Nullable String toId,
			@RequestParam(required = false) @Nullable String conversationId) {
		return agent.find(blankToNull(integrationId), blankToNull(toId), blankToNull(conversationId)).stream()
				.map(sent -> {
					List<GenesysInbox.Received> receipts = inbox.find("receipt", sent.id(), null,
							sent.integrationId());
					if (receipts.isEmpty()) {
						return new AgentMessage(sent, null);
					}
					GenesysInbox.Received latest = receipts.getLast();
					JsonNode reasons = latest.body().get("reasons");
					return new AgentMessage(sent, new ReceiptSeen(latest.body().path("status").asString(""),
							reasons == null || reasons.isNull() ? null : reasons, latest.receivedAt(),
							receipts.size()));
				}).toList();
	}

	@Operation(summary = "Forget every agent message")
	@DeleteMapping("/agent-messages")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clearAgentMessages() {
		agent.clear();
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException e) {
		return ProblemType.INVALID_REQUEST.problem(e.getMessage());
	}

	@ExceptionHandler(GenesysAgent.UnknownIntegration.class)
	ProblemDetail unknownIntegration(GenesysAgent.UnknownIntegration e) {
		return ProblemType.NOT_FOUND.problem(e.getMessage());
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value;
	}
}

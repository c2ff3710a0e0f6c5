package io.switchboard.sandbox;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.web.Problems;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox-only controls of the simulated Genesys Cloud, which the real one does not have: what it received, scripted
 * faults, token expiry and call counts. Errors are problem details.
 */
@RestController
@RequestMapping("/sandbox/genesys/control")
@ConditionalOnProperty(name = "switchboard.sandbox.enabled", havingValue = "true")
@Tag(name = "Sandbox: Genesys Cloud simulator controls", description = "Inspect and script the simulated Genesys Cloud")
class GenesysControlController {

	private final GenesysInbox inbox;
	private final GenesysFaults faults;
	private final GenesysTokens tokens;
	private final GenesysStats stats;

	GenesysControlController(GenesysInbox inbox, GenesysFaults faults, GenesysTokens tokens, GenesysStats stats) {
		this.inbox = inbox;
		this.faults = faults;
		this.tokens = tokens;
		this.stats = stats;
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

	@Operation(summary = "Answer the next calls of an endpoint (message, receipt, token) with an error")
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

	@Operation(summary = "Calls received: tokensIssued, messageCalls, receiptCalls, tokenRequests")
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

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException e) {
		return Problems.of("invalid-request", HttpStatus.BAD_REQUEST, e.getMessage());
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value;
	}
}

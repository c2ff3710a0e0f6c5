package io.switchboard.sandbox.meta;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.web.ProblemType;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Sandbox-only controls of the simulated Meta (Graph API side), which the real one does not have: what it accepted,
 * scripted faults, call counts, statuses on demand and the switches of {@link MetaOptions}. Errors are problem
 * details.
 */
@RestController
@RequestMapping("/sandbox/meta/control")
@Tag(name = "Sandbox: WhatsApp Cloud API simulator controls",
		description = "Inspect and script the simulated Graph API")
class MetaControlController {

	private final MetaOutbox outbox;
	private final MetaFaults faults;
	private final MetaStats stats;
	private final MetaStatusWebhooks statuses;
	private final MetaOptions options;
	private final MetaThroughput throughput;

	MetaControlController(MetaOutbox outbox, MetaFaults faults, MetaStats stats, MetaStatusWebhooks statuses,
			MetaOptions options, MetaThroughput throughput) {
		this.outbox = outbox;
		this.faults = faults;
		this.stats = stats;
		this.statuses = statuses;
		this.options = options;
		this.throughput = throughput;
	}

	@Operation(summary = "Messages the Graph API accepted, oldest first, with the status webhooks sent for each",
			description = "to matches the number (digits or as sent) or BSUID; callbackData biz_opaque_callback_data")
	@GetMapping("/sent")
	List<MetaOutbox.View> sent(@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String callbackData,
			@RequestParam(required = false) @Nullable String type) {
		return outbox.find(blankToNull(to), blankToNull(callbackData), blankToNull(type)).stream()
				.map(MetaOutbox.Send::view).toList();
	}

	@Operation(summary = "Forget every accepted message, conversation and throughput count")
	@DeleteMapping("/sent")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clearSent() {
		outbox.clear();
		throughput.clear();
	}

	/**
	 * A fault to script, see {@link MetaFaults.Fault}.
	 */
	record FaultRequest(@Nullable Integer code, @Nullable Integer httpStatus, @Nullable Integer times,
			@Nullable String details, @Nullable String message, @Nullable Integer after) {}

	@Operation(summary = "Answer the next send calls with a Graph error",
			description = "Body: {\"code\":131047,\"httpStatus\":400,\"times\":1,\"details\":\"...\","
					+ "\"message\":\"...\",\"after\":0}; only code is required; after lets that many sends through first")
	@PostMapping("/faults")
	ResponseEntity<MetaFaults.Fault> addFault(@RequestBody FaultRequest request) {
		MetaFaults.Fault fault = MetaFaults.Fault.of(request.code(), request.httpStatus(), request.times(),
				request.details(), request.message(), request.after());
		faults.add(fault);
		return ResponseEntity.status(HttpStatus.CREATED).body(fault);
	}

	@Operation(summary = "Faults still queued")
	@GetMapping("/faults")
	List<MetaFaults.Pending> faults() {
		return faults.pending();
	}

	@Operation(summary = "Drop every queued fault")
	@DeleteMapping("/faults")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clearFaults() {
		faults.clear();
	}

	@Operation(summary = "Counts: sendCalls, accepted, rateLimited, markReadCalls, statusWebhooks")
	@GetMapping("/stats")
	Map<String, Long> stats() {
		return stats.snapshot();
	}

	@Operation(summary = "Reset the counts")
	@DeleteMapping("/stats")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resetStats() {
		stats.reset();
	}

	/**
	 * A status to send now.
	 *
	 * @param wamid an accepted message.
	 * @param status {@code sent}, {@code delivered}, {@code read} or {@code failed}.
	 * @param errorCode the error of a {@code failed} status; 131026 if not given.
	 */
	record StatusRequest(@Nullable String wamid, @Nullable String status, @Nullable Integer errorCode) {}

	/**
	 * What became of a status sent on demand.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record StatusSent(String wamid, String status, @Nullable Integer errorCode, @Nullable Integer webhookStatus,
			@Nullable String webhookError) {}

	@Operation(summary = "Send a status webhook for an accepted message now, in any order",
			description = "Body: {\"wamid\":\"...\",\"status\":\"delivered|read|failed|sent\",\"errorCode\":131026}; "
					+ "answers with the HTTP status the application's webhook gave")
	@PostMapping("/statuses")
	StatusSent status(@RequestBody StatusRequest request) {
		if (request.wamid() == null || request.wamid().isBlank()) {
			throw new IllegalArgumentException("wamid is required");
		}
		if (request.status() == null || !MetaOutbox.STATUSES.contains(request.status())) {
			throw new IllegalArgumentException("status must be one of " + String.join(", ", MetaOutbox.STATUSES));
		}
		if (request.errorCode() != null && !request.status().equals("failed")) {
			throw new IllegalArgumentException("errorCode belongs to failed statuses only");
		}
		MetaOutbox.Send send = outbox.find(request.wamid().strip()).orElseThrow(
				() -> new UnknownMessage("No accepted message has the wamid " + request.wamid().strip()));
		MetaOutbox.Status sent = statuses.now(send, request.status(), request.errorCode());
		return new StatusSent(send.wamid, sent.status(), sent.errorCode(), sent.webhookStatus(), sent.webhookError());
	}

	/**
	 * Whether automatic statuses are on.
	 */
	record AutoStatuses(@Nullable Boolean enabled) {}

	@Operation(summary = "Switch the automatic sent and delivered statuses on or off (on by default)",
			description = "Body: {\"enabled\":false}")
	@PostMapping("/auto-statuses")
	MetaOptions.Values autoStatuses(@RequestBody AutoStatuses request) {
		if (request.enabled() == null) {
			throw new IllegalArgumentException("enabled is required");
		}
		return options.update(request.enabled(), null, null);
	}

	/**
	 * Switches to change; those not given keep their value.
	 */
	record OptionsRequest(@Nullable Boolean autoStatuses, @Nullable Boolean autoRead,
			@Nullable Boolean enforceWindow) {}

	@Operation(summary = "The simulated Meta's switches: autoStatuses, autoRead, enforceWindow")
	@GetMapping("/options")
	MetaOptions.Values options() {
		return options.values();
	}

	@Operation(summary = "Change some of the switches",
			description = "Body: {\"autoStatuses\":true,\"autoRead\":false,\"enforceWindow\":true}")
	@PutMapping("/options")
	MetaOptions.Values updateOptions(@RequestBody OptionsRequest request) {
		return options.update(request.autoStatuses(), request.autoRead(), request.enforceWindow());
	}

	@Operation(summary = "Put the switches back to the values the application started with")
	@DeleteMapping("/options")
	MetaOptions.Values resetOptions() {
		return options.reset();
	}

	/**
	 * A wamid the simulator never issued.
	 */
	static final class UnknownMessage extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnknownMessage(String message) {
			super(message, null, false, false);
		}
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException e) {
		return ProblemType.INVALID_REQUEST.problem(e.getMessage());
	}

	@ExceptionHandler(UnknownMessage.class)
	ProblemDetail unknown(UnknownMessage e) {
		return ProblemType.NOT_FOUND.problem(e.getMessage());
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value;
	}
}

package io.switchboard.work.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.web.CallingAdmin;
import io.switchboard.platform.web.ProblemException;
import io.switchboard.platform.web.ProblemType;
import io.switchboard.work.internal.DeadLetter;
import io.switchboard.work.internal.DeadLetter.Reason;
import io.switchboard.work.internal.DeadLetter.State;
import io.switchboard.work.internal.DeadLetterQuery;
import io.switchboard.work.internal.DeadLetters;
import io.switchboard.work.internal.WorkPayloads;
import io.switchboard.work.internal.DeadLetters.Resolution;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * The admin API of the dead letters, for operators holding the admin key: list them by tenant, channel, reason and
 * age, inspect one with its payload, replay one or many, discard one with a reason. Who acted is the admin key's name
 * and the caller's address, recorded on the dead letter and logged.
 */
@RestController
@RequestMapping("/api/admin/dead-letters")
@Tag(name = "Dead letters", description = "Work given up by the work channels: list, inspect, replay, discard")
@SecurityRequirement(name = "adminKey")
class DeadLetterApi {

	private static final int MAX_PAGE = 500;
	private static final int MAX_REASON = 500;

	private final DeadLetters deadLetters;
	private final WorkPayloads payloads;

	DeadLetterApi(DeadLetters deadLetters, WorkPayloads payloads) {
		this.deadLetters = deadLetters;
		this.payloads = payloads;
	}

	@GetMapping
	@Operation(summary = "Dead letters, most recently dead-lettered first; filter by tenant, channel, reason, age "
			+ "(olderThan / newerThan: an ISO-8601 duration such as PT1H, or a timestamp) and state (default DEAD)")
	List<View> list(@RequestParam(required = false) @Nullable String tenant,
			@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String olderThan,
			@RequestParam(required = false) @Nullable String newerThan,
			@RequestParam(defaultValue = "DEAD") String state, @RequestParam(defaultValue = "50") int limit) {
		DeadLetterQuery query = new Filter(tenant, channel, reason, olderThan, newerThan, limit)
				.query(State.of(state), 50);
		return deadLetters.list(query).stream().map(letter -> View.of(letter, null)).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One dead letter with its payload, reason, attempts and last error")
	View inspect(@PathVariable long id) {
		return deadLetters.find(id).map(letter -> View.of(letter, payloads.open(letter.payload())))
				.orElseThrow(() -> notFound(id));
	}

	@PostMapping("/{id}/replay")
	@Operation(summary = "Publishes the dead letter's work again; it is handled as any redelivery, and work given up is "
			+ "delivered once more. 409 if it was replayed or discarded before")
	ResponseEntity<?> replay(CallingAdmin admin, @PathVariable long id,
			@RequestBody(required = false) @Nullable Decision decision) {
		return answer(deadLetters.replay(id, admin.who(), Decision.reasonOf(decision)), HttpStatus.ACCEPTED);
	}

	@PostMapping("/replay")
	@Operation(summary = "Replays many dead letters: those listed in ids, or the DEAD ones matching filter")
	Replayed replayMany(CallingAdmin admin, @RequestBody(required = false) @Nullable Selection selection) {
		if (selection == null || (selection.ids() == null) == (selection.filter() == null)) {
			throw new IllegalArgumentException("Name the dead letters to replay: either ids or filter");
		}
		String reason = optionalReason(selection.reason());
		List<Long> ids = selection.ids() != null ? selection.ids()
				: deadLetters.list(selection.filter().narrowed().query(State.DEAD, 100)).stream()
						.map(DeadLetter::id).toList();
		if (ids.size() > MAX_PAGE) {
			throw new IllegalArgumentException("At most " + MAX_PAGE + " dead letters can be replayed at once");
		}
		Replayed replayed = new Replayed(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		for (long id : ids) {
			switch (deadLetters.replay(id, admin.who(), reason)) {
				case Resolution.Done done -> replayed.replayed().add(id);
				case Resolution.AlreadyResolved already -> replayed.alreadyResolved().add(id);
				case Resolution.Unknown unknown -> replayed.unknown().add(id);
			}
		}
		return replayed;
	}

	@PostMapping("/{id}/discard")
	@Operation(summary = "Discards the dead letter: its work is not done; the reason is required and recorded. 409 if "
			+ "it was replayed or discarded before")
	ResponseEntity<?> discard(CallingAdmin admin, @PathVariable long id,
			@RequestBody(required = false) @Nullable Decision decision) {
		String reason = Decision.reasonOf(decision);
		if (reason == null) {
			throw new IllegalArgumentException("Say why the dead letter is discarded: {\"reason\": \"...\"}");
		}
		return answer(deadLetters.discard(id, admin.who(), reason), HttpStatus.OK);
	}

	private static ResponseEntity<?> answer(Resolution resolution, HttpStatus done) {
		return switch (resolution) {
			case Resolution.Done(DeadLetter letter) -> ResponseEntity.status(done).body(View.of(letter, null));
			case Resolution.Unknown(long id) -> throw notFound(id);
			case Resolution.AlreadyResolved(DeadLetter letter) -> throw new ProblemException(
					ProblemType.ALREADY_RESOLVED, "Dead letter " + letter.id() + " was "
							+ letter.state().name().toLowerCase(Locale.ROOT) + " by " + letter.actedBy() + " at "
							+ letter.actedAt() + "; nothing was done.");
		};
	}

	private static @Nullable String optionalReason(@Nullable String reason) {
		if (reason == null || reason.isBlank()) {
			return null;
		}
		if (reason.length() > MAX_REASON) {
			throw new IllegalArgumentException("reason must be at most " + MAX_REASON + " characters");
		}
		return reason.strip();
	}

	private static ProblemException notFound(long id) {
		return new ProblemException(ProblemType.NOT_FOUND, "No dead letter " + id + ".");
	}

	/**
	 * Which dead letters, as the list's query parameters or a bulk replay's {@code filter} give it.
	 *
	 * @param olderThan dead-lettered longer ago than this ISO-8601 duration, or before this timestamp.
	 * @param newerThan dead-lettered more recently than this duration, or after this timestamp.
	 * @param limit at most this many (1 to 500).
	 */
	record Filter(@Nullable String tenant, @Nullable String channel, @Nullable String reason,
			@Nullable String olderThan, @Nullable String newerThan, @Nullable Integer limit) {

		DeadLetterQuery query(State state, int defaultLimit) {
			int page = limit == null ? defaultLimit : limit;
			if (page < 1 || page > MAX_PAGE) {
				throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
			}
			return new DeadLetterQuery(blankToNull(tenant), blankToNull(channel),
					blankToNull(reason) == null ? null : Reason.of(reason), when("olderThan", olderThan),
					when("newerThan", newerThan), state, page);
		}

		/**
		 * @return this filter, if it narrows the selection at all (a bulk replay of everything is refused).
		 */
		Filter narrowed() {
			if (!query(State.DEAD, 1).narrowed()) {
				throw new IllegalArgumentException("A replay filter needs at least one of tenant, channel, reason, "
						+ "olderThan, newerThan");
			}
			return this;
		}

		private static @Nullable Instant when(String name, @Nullable String value) {
			if (value == null || value.isBlank()) {
				return null;
			}
			try {
				if (value.startsWith("P") || value.startsWith("p")) {
					return Instant.now().minus(Duration.parse(value));
				}
				return OffsetDateTime.parse(value).toInstant();
			}
			catch (DateTimeParseException e) {
				throw new IllegalArgumentException(name + " must be an ISO-8601 duration (e.g. PT1H, P2D) or a "
						+ "timestamp (e.g. 2026-01-31T12:00:00Z)");
			}
		}

		private static @Nullable String blankToNull(@Nullable String value) {
			return value == null || value.isBlank() ? null : value;
		}
	}

	/**
	 * What a bulk replay takes: either {@code ids} or a {@code filter}.
	 *
	 * @param reason why, recorded with each replay; optional.
	 */
	record Selection(@Nullable List<Long> ids, @Nullable Filter filter, @Nullable String reason) {}

	/**
	 * @param reason why; required to discard, optional to replay.
	 */
	record Decision(@Nullable String reason) {

		static @Nullable String reasonOf(@Nullable Decision decision) {
			return decision == null ? null : optionalReason(decision.reason());
		}
	}

	/**
	 * What a bulk replay did, by dead letter id.
	 */
	record Replayed(List<Long> replayed, List<Long> alreadyResolved, List<Long> unknown) {}

	/**
	 * A dead letter as the API shows it.
	 *
	 * @param payload the work as JSON; only when one dead letter is inspected.
	 * @param payloadVersion the version of the work's shape ({@link io.switchboard.work.WorkPayloadVersion}); only
	 *        when one dead letter is inspected.
	 */
	record View(long id, String workId, String channel, String orderingKey, @Nullable String tenantId, Reason reason,
			@Nullable String lastError, int attempts, Instant publishedAt, Instant deadLetteredAt, State state,
			@Nullable String actedBy, @Nullable Instant actedAt, @Nullable String actionReason,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable JsonNode payload,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer payloadVersion) {

		static View of(DeadLetter letter, WorkPayloads.@Nullable Opened payload) {
			return new View(letter.id(), letter.workId(), letter.channel(), letter.orderingKey(), letter.tenantId(),
					letter.reason(), letter.lastError(), letter.attempts(), letter.publishedAt(),
					letter.deadLetteredAt(), letter.state(), letter.actedBy(), letter.actedAt(),
					letter.actionReason(), payload == null ? null : payload.work(),
					payload == null ? null : payload.version());
		}
	}
}

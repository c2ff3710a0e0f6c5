package io.switchboard.sandbox.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Faults scripted for the simulated Graph API: each lets {@code after} send calls through, then answers the next
 * {@code times} send calls (not mark-as-read), before authentication and validation, in the order they were queued.
 */
@Component
class MetaFaults {

	private final List<Pending> pending = new ArrayList<>();

	/**
	 * A Graph error to answer with.
	 *
	 * @param code the Graph error code, e.g. 131047.
	 * @param httpStatus the HTTP status; Meta's usual one for the code if not given (401 for 190, 400 for most).
	 * @param times how many send calls get it; at least 1.
	 * @param details {@code error_data.details}; Meta's text for the code if not given.
	 * @param message {@code error.message}; Meta's text for the code if not given.
	 * @param after how many send calls go through before the fault starts (e.g. 1 to fail the second part of a long
	 *        message); 0 if not given.
	 */
	record Fault(int code, int httpStatus, int times, @Nullable String details, @Nullable String message,
			int after) {

		Fault {
			if (code < 0) {
				throw new IllegalArgumentException("code must be a Graph error code (0 or more)");
			}
			if (httpStatus < 400 || httpStatus > 599) {
				throw new IllegalArgumentException("httpStatus must be an error status (400-599)");
			}
			if (times < 1 || times > 10_000) {
				throw new IllegalArgumentException("times must be between 1 and 10000");
			}
			if (after < 0 || after > 10_000) {
				throw new IllegalArgumentException("after must be between 0 and 10000");
			}
		}

		static Fault of(@Nullable Integer code, @Nullable Integer httpStatus, @Nullable Integer times,
				@Nullable String details, @Nullable String message, @Nullable Integer after) {
			if (code == null) {
				throw new IllegalArgumentException("code is required");
			}
			int status = httpStatus != null ? httpStatus : MetaGraphError.of(code, null, null, null).httpStatus();
			return new Fault(code, status, times == null ? 1 : times, blankToNull(details), blankToNull(message),
					after == null ? 0 : after);
		}

		MetaGraphError toError() {
			return MetaGraphError.of(code, httpStatus, message, details);
		}

		private static @Nullable String blankToNull(@Nullable String value) {
			return value == null || value.isBlank() ? null : value;
		}
	}

	/**
	 * A queued fault, how many calls it still lets through and how many it still answers.
	 */
	record Pending(Fault fault, int passing, int remaining) {}

	synchronized void add(Fault fault) {
		pending.add(new Pending(fault, fault.after(), fault.times()));
	}

	/**
	 * Takes the next queued fault, if any, counting the call against it.
	 */
	synchronized Optional<Fault> next() {
		if (pending.isEmpty()) {
			return Optional.empty();
		}
		Pending first = pending.getFirst();
		if (first.passing() > 0) {
			pending.set(0, new Pending(first.fault(), first.passing() - 1, first.remaining()));
			return Optional.empty();
		}
		if (first.remaining() > 1) {
			pending.set(0, new Pending(first.fault(), 0, first.remaining() - 1));
		}
		else {
			pending.removeFirst();
		}
		return Optional.of(first.fault());
	}

	synchronized List<Pending> pending() {
		return List.copyOf(pending);
	}

	synchronized void clear() {
		pending.clear();
	}
}

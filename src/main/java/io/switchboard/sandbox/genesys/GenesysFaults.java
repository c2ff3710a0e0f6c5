package io.switchboard.sandbox.genesys;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Faults scripted for the simulated Genesys Cloud: each one answers the next {@code times} calls of its endpoint,
 * before authentication and validation, in the order they were queued.
 */
@Component
class GenesysFaults {

	static final Set<String> ENDPOINTS = Set.of("message", "receipt", "event", "token");

	private final List<Pending> pending = new ArrayList<>();

	/**
	 * A fault to answer with.
	 *
	 * @param endpoint {@code message}, {@code receipt}, {@code event} or {@code token}.
	 * @param status an HTTP status from 400 to 599.
	 * @param retryAfterSeconds sent as {@code Retry-After}; defaults to 1 for 429s.
	 * @param times how many calls get the fault; at least 1.
	 * @param message the ErrorBody message; a Genesys-like default if not given.
	 * @param code the ErrorBody code; the one Genesys uses for the status if not given.
	 */
	record Fault(String endpoint, int status, @Nullable Integer retryAfterSeconds, int times, String message,
			String code) {

		Fault {
			if (!ENDPOINTS.contains(endpoint)) {
				throw new IllegalArgumentException("endpoint must be one of message, receipt, event, token");
			}
			if (status < 400 || status > 599) {
				throw new IllegalArgumentException("status must be an error status (400-599)");
			}
			if (times < 1 || times > 10_000) {
				throw new IllegalArgumentException("times must be between 1 and 10000");
			}
			if (retryAfterSeconds != null && retryAfterSeconds < 0) {
				throw new IllegalArgumentException("retryAfterSeconds must not be negative");
			}
		}

		static Fault of(@Nullable String endpoint, @Nullable Integer status, @Nullable Integer retryAfterSeconds,
				@Nullable Integer times, @Nullable String message, @Nullable String code) {
			if (endpoint == null || status == null) {
				throw new IllegalArgumentException("endpoint and status are required");
			}
			Integer retryAfter = retryAfterSeconds == null && status == 429 ? Integer.valueOf(1) : retryAfterSeconds;
			return new Fault(endpoint, status, retryAfter, times == null ? 1 : times,
					message == null || message.isBlank() ? defaultMessage(status, retryAfter) : message,
					code == null || code.isBlank() ? GenesysError.codeFor(status) : code);
		}

		private static String defaultMessage(int status, @Nullable Integer retryAfter) {
			return switch (status) {
				case 429 -> "Rate limit exceeded the maximum. Retry the request in ["
						+ (retryAfter == null ? 1 : retryAfter) + "] seconds";
				case 503 -> "Service Unavailable - The server is currently unavailable (because it is overloaded or "
						+ "down for maintenance).";
				case 500 -> "The server encountered an unexpected condition which prevented it from fulfilling the "
						+ "request.";
				default -> "Scripted fault (sandbox).";
			};
		}

		GenesysError toError() {
			return new GenesysError(status, code, message, retryAfterSeconds);
		}
	}

	/**
	 * A queued fault and how many calls it still answers.
	 */
	record Pending(Fault fault, int remaining) {}

	synchronized void add(Fault fault) {
		pending.add(new Pending(fault, fault.times()));
	}

	/**
	 * Takes the next fault queued for an endpoint, if any, counting the call against it.
	 */
	synchronized Optional<Fault> next(String endpoint) {
		for (ListIterator<Pending> iterator = pending.listIterator(); iterator.hasNext();) {
			Pending candidate = iterator.next();
			if (candidate.fault().endpoint().equals(endpoint)) {
				if (candidate.remaining() > 1) {
					iterator.set(new Pending(candidate.fault(), candidate.remaining() - 1));
				}
				else {
					iterator.remove();
				}
				return Optional.of(candidate.fault());
			}
		}
		return Optional.empty();
	}

	synchronized List<Pending> pending() {
		return List.copyOf(pending);
	}

	synchronized void clear() {
		pending.clear();
	}
}

package io.switchboard.sandbox.meta;

import io.switchboard.sandbox.SandboxSettings;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The simulated Meta's behaviour that tests switch at run time: automatic {@code sent} and {@code delivered} statuses
 * (on), automatic {@code read} (from {@link SandboxSettings#metaAutoRead()}) and the 24-hour window
 * (from {@link SandboxSettings#metaEnforceWindow()}).
 */
@Component
class MetaOptions {

	/**
	 * The current values.
	 *
	 * @param autoStatuses whether {@code sent} and {@code delivered} follow every accepted send by themselves.
	 * @param autoRead whether {@code read} follows {@code delivered} by itself.
	 * @param enforceWindow whether free-form sends outside the customer service window are refused with 131047.
	 */
	record Values(boolean autoStatuses, boolean autoRead, boolean enforceWindow) {}

	private final Values initial;
	private volatile Values values;

	MetaOptions(SandboxSettings settings) {
		this.initial = new Values(true, settings.metaAutoRead(), settings.metaEnforceWindow());
		this.values = initial;
	}

	Values values() {
		return values;
	}

	boolean autoStatuses() {
		return values.autoStatuses();
	}

	boolean autoRead() {
		return values.autoRead();
	}

	boolean enforceWindow() {
		return values.enforceWindow();
	}

	/**
	 * Changes the values given, keeping the others.
	 */
	synchronized Values update(@Nullable Boolean autoStatuses, @Nullable Boolean autoRead,
			@Nullable Boolean enforceWindow) {
		Values current = values;
		values = new Values(autoStatuses == null ? current.autoStatuses() : autoStatuses,
				autoRead == null ? current.autoRead() : autoRead,
				enforceWindow == null ? current.enforceWindow() : enforceWindow);
		return values;
	}

	/**
	 * Back to the values the application started with.
	 */
	synchronized Values reset() {
		values = initial;
		return values;
	}
}

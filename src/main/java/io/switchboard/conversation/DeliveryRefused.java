package io.switchboard.conversation;

import java.util.Objects;

/**
 * A channel or destination refused a message for a reason retrying will not fix. Carries a neutral
 * {@link FailureReason} for whoever must be told (a receipt, the ledger, an API caller) and a sentence in the
 * platform's own words, which never holds a secret.
 */
public class DeliveryRefused extends RuntimeException {

	private final FailureReason reason;

	/**
	 * @param reason must not be {@literal null}.
	 * @param detail a one-line explanation fit for the message ledger; must not be {@literal null}.
	 */
	public DeliveryRefused(FailureReason reason, String detail) {
		super(Objects.requireNonNull(detail, "detail must not be null"));
		this.reason = Objects.requireNonNull(reason, "reason must not be null");
	}

	public FailureReason reason() {
		return reason;
	}

	/**
	 * @return the sentence for the ledger.
	 */
	public String detail() {
		return getMessage();
	}
}

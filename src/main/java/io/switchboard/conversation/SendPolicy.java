package io.switchboard.conversation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One rule a business message must pass before it is sent to a customer: the customer is known, the channel's
 * service window is open; consent, template requirements and quiet hours are rules of the same kind. Policies are pure
 * decisions over a {@link SendAttempt}; {@link SendPolicies} runs them in order and the first refusal wins.
 */
@FunctionalInterface
public interface SendPolicy {

	/**
	 * @return a refusal when the attempt breaks this rule, empty when it may go on.
	 */
	Optional<Refusal> check(SendAttempt attempt);

	/**
	 * What a policy decides about.
	 *
	 * @param customerId the recipient as the requester named them.
	 * @param conversation the customer's conversation with the tenant, if the customer ever wrote.
	 * @param capabilities what the customer's channel allows.
	 * @param now the time of the decision.
	 */
	record SendAttempt(String customerId, @Nullable Conversation conversation,
			CustomerChannel.Capabilities capabilities, Instant now) {

		public SendAttempt {
			Objects.requireNonNull(customerId, "customer id must not be null");
			Objects.requireNonNull(capabilities, "capabilities must not be null");
			Objects.requireNonNull(now, "now must not be null");
		}
	}

	/**
	 * Why a message may not be sent.
	 *
	 * @param reason the neutral reason, which each edge translates (a Genesys reason code, a problem type).
	 * @param detail a sentence for the requester and the ledger.
	 */
	record Refusal(FailureReason reason, String detail) {

		public Refusal {
			Objects.requireNonNull(reason, "reason must not be null");
			Objects.requireNonNull(detail, "detail must not be null");
		}
	}
}

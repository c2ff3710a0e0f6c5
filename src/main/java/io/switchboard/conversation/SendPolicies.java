package io.switchboard.conversation;

import io.switchboard.conversation.SendPolicy.Refusal;
import io.switchboard.conversation.SendPolicy.SendAttempt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The send policies in the order they are checked; the first refusal decides. Pure: the clock is the only outside
 * input, and it is given.
 */
public final class SendPolicies {

	private final List<SendPolicy> policies;
	private final Clock clock;

	/**
	 * @param policies in the order they are checked.
	 * @param clock the time decisions are made at.
	 */
	public SendPolicies(List<SendPolicy> policies, Clock clock) {
		this.policies = List.copyOf(policies);
		this.clock = clock;
	}

	/**
	 * @return the policies every business message passes: {@link #knownCustomer()}, then {@link #serviceWindow()}.
	 */
	public static SendPolicies standard(Clock clock) {
		return new SendPolicies(List.of(knownCustomer(), serviceWindow()), clock);
	}

	/**
	 * @return the first refusal, or empty if the message may be sent.
	 */
	public Optional<Refusal> check(String customerId, Optional<Conversation> conversation,
			CustomerChannel.Capabilities capabilities) {
		SendAttempt attempt = new SendAttempt(customerId, conversation.orElse(null), capabilities, clock.instant());
		for (SendPolicy policy : policies) {
			Optional<Refusal> refusal = policy.check(attempt);
			if (refusal.isPresent()) {
				return refusal;
			}
		}
		return Optional.empty();
	}

	/**
	 * @return a policy refusing customers who never wrote to the tenant: the channel has no conversation to send in.
	 */
	public static SendPolicy knownCustomer() {
		return attempt -> attempt.conversation() != null ? Optional.empty()
				: Optional.of(new Refusal(FailureReason.UNKNOWN_RECIPIENT, "Unknown recipient: " + attempt.customerId()
						+ " has never written to this tenant's number"));
	}

	/**
	 * @return a policy refusing free-form messages once the channel's service window since the customer's last
	 *         message has closed; channels without a window always pass.
	 */
	public static SendPolicy serviceWindow() {
		return attempt -> {
			Duration window = attempt.capabilities().serviceWindow();
			if (window == null || attempt.conversation() == null) {
				return Optional.empty();
			}
			Instant lastInbound = attempt.conversation().lastInboundAt();
			if (lastInbound != null && !lastInbound.plus(window).isBefore(attempt.now())) {
				return Optional.empty();
			}
			return Optional.of(new Refusal(FailureReason.SERVICE_WINDOW_CLOSED, "Outside the channel's "
					+ window.toHours() + "-hour customer service window: the customer last wrote "
					+ (lastInbound == null ? "never" : "at " + lastInbound) + "; only a template may be sent"));
		};
	}
}

package io.switchboard.activity;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.conversation.ConversationReassigned;
import io.switchboard.conversation.ConversationRouted;
import io.switchboard.conversation.CustomerMessageRecorded;
import io.switchboard.conversation.MessageStatusChanged;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Counts the core's events per tenant: {@code switchboard.activity.customer-messages},
 * {@code switchboard.activity.statuses} (by status), {@code switchboard.activity.conversations.routed} and
 * {@code .reassigned} (by destination). Each event reaches it once it is committed, after the work that caused it.
 */
@Component
class ConversationActivity {

	private final MeterRegistry meters;

	ConversationActivity(MeterRegistry meters) {
		this.meters = meters;
	}

	@ApplicationModuleListener
	void on(CustomerMessageRecorded recorded) {
		meters.counter("switchboard.activity.customer-messages", "tenant", recorded.tenantId()).increment();
	}

	@ApplicationModuleListener
	void on(MessageStatusChanged changed) {
		meters.counter("switchboard.activity.statuses", "tenant", changed.tenantId(), "status",
				changed.status().name()).increment();
	}

	@ApplicationModuleListener
	void on(ConversationRouted routed) {
		meters.counter("switchboard.activity.conversations.routed", "tenant", routed.tenantId(), "destination",
				routed.destination()).increment();
	}

	@ApplicationModuleListener
	void on(ConversationReassigned reassigned) {
		meters.counter("switchboard.activity.conversations.reassigned", "tenant", reassigned.tenantId(),
				"destination", reassigned.to()).increment();
	}
}

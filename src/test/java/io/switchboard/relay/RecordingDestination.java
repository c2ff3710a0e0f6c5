package io.switchboard.relay;

import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.ConversationDestination;
import io.switchboard.conversation.CustomerMessage;
import io.switchboard.tenant.Tenant;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A destination of the tests, registered like a real one (a bean implementing the core's interface, found by name):
 * it keeps what it was handed, as an agent desk or a bot would receive it.
 */
@Component
public class RecordingDestination implements ConversationDestination {

	public static final String NAME = "recording";

	/** A customer message as the destination got it. */
	public record Received(Conversation conversation, CustomerMessage message, String messageId) {}

	/** A status as the destination got it; without a conversation for messages Switchboard has none for. */
	public record Status(@Nullable Conversation conversation, StatusChange change) {}

	private final List<Received> received = new CopyOnWriteArrayList<>();
	private final List<Status> statuses = new CopyOnWriteArrayList<>();

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Delivered deliver(Tenant tenant, Conversation conversation, CustomerMessage message) {
		String id = "rec-" + UUID.randomUUID();
		received.add(new Received(conversation, message, id));
		return new Delivered(id, "rec-conversation-" + conversation.id());
	}

	@Override
	public void statusChanged(Tenant tenant, @Nullable Conversation conversation, StatusChange change) {
		statuses.add(new Status(conversation, change));
	}

	public List<Received> received() {
		return List.copyOf(received);
	}

	public List<Status> statuses() {
		return List.copyOf(statuses);
	}
}

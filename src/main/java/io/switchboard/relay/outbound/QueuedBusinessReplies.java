package io.switchboard.relay.outbound;

import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.BusinessReplies;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.ConversationId;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.conversation.OrderingKeys;
import io.switchboard.work.WorkChannels;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link BusinessReplies} on the ledger and the {@code outbound-api-messages} work channel, in one transaction;
 * {@link ApiMessageRelay} sends them.
 */
@Component
class QueuedBusinessReplies implements BusinessReplies {

	private final Conversations conversations;
	private final MessageLedger ledger;
	private final WorkChannels work;

	QueuedBusinessReplies(Conversations conversations, MessageLedger ledger, WorkChannels work) {
		this.conversations = conversations;
		this.ledger = ledger;
		this.work = work;
	}

	@Override
	@Transactional
	public MessageLedger.Recorded send(ConversationId id, String requestKey, String requestFingerprint,
			BusinessMessage message) {
		Conversation conversation = conversations.find(id)
			.orElseThrow(() -> new IllegalArgumentException("No conversation " + id));
		MessageLedger.Recorded recorded = ledger.recordRequested(conversation.tenantId(), requestKey,
				conversation.customer(), kind(message), requestFingerprint);
		if (recorded.created()) {
			String text = message.content() instanceof BusinessMessage.Content.Text t ? t.body() : null;
			work.publish(WorkChannels.OUTBOUND_API_MESSAGES,
					OrderingKeys.of(conversation.tenantId(), conversation.customer()),
					new ApiMessageRequested(conversation.tenantId(), recorded.entry().id(), text, Instant.now(),
							conversation.id(), message));
		}
		return recorded;
	}

	private static String kind(BusinessMessage message) {
		return switch (message.content()) {
			case BusinessMessage.Content.Text text -> "text";
			case BusinessMessage.Content.QuickReplies replies -> "quick-replies";
			case BusinessMessage.Content.Attachment attachment -> "attachment";
			case BusinessMessage.Content.Cards cards -> "cards";
		};
	}
}

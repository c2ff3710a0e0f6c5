package io.switchboard.relay.outbound;

import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.ConversationId;
import io.switchboard.work.WorkPayloadVersion;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A business message handed to the core for a customer ({@code POST /whatsapp/send/text}, or a destination through
 * {@link io.switchboard.conversation.BusinessReplies}), queued on {@code outbound-api-messages} after it was
 * recorded in the ledger.
 *
 * Version 1 was {@code tenantId, ledgerEntryId, text, requestedAt}; version 2 added {@code conversation} and
 * {@code message}.
 *
 * @param text the text of an API send; read alone from work queued before {@code message} existed.
 * @param conversation the conversation it goes to; absent in work queued before conversations had ids (its
 *        customer's latest conversation is taken then).
 * @param message what to send; absent in work queued before business messages, which means {@code text}.
 */
@WorkPayloadVersion(2)
record ApiMessageRequested(String tenantId, long ledgerEntryId, @Nullable String text, Instant requestedAt,
		@Nullable ConversationId conversation, @Nullable BusinessMessage message) {

	/**
	 * @return what to send.
	 */
	BusinessMessage business() {
		return message != null ? message
				: new BusinessMessage(new BusinessMessage.Content.Text(text == null ? "" : text), null);
	}
}

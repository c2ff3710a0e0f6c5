package io.switchboard.conversation;

import org.jspecify.annotations.Nullable;

/**
 * A ledger entry's delivery status moved forward (statuses never move back, see
 * {@link LedgerEntry.MessageStatus#canMoveTo}).
 *
 * @param reason why it failed, for {@link LedgerEntry.MessageStatus#FAILED}; otherwise {@literal null}.
 */
public record MessageStatusChanged(String tenantId, long ledgerEntryId, LedgerEntry.MessageStatus status,
		@Nullable String reason) {}

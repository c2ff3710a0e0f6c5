package io.switchboard.relay.outbound;

import java.time.Instant;

/**
 * A text a back-office system asked Switchboard to send to a customer ({@code POST /whatsapp/send/text}), queued on
 * {@code outbound-api-messages} after it was recorded in the ledger.
 */
record ApiMessageRequested(String tenantId, long ledgerEntryId, String text, Instant requestedAt) {}

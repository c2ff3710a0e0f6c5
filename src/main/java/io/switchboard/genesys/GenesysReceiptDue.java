package io.switchboard.genesys;

/**
 * A receipt Genesys is owed for an agent's message, queued on {@code genesys-receipts} in the same transaction that
 * recorded the decision in the ledger, so that it is given once and survives a crash.
 *
 * @param tenantId the tenant.
 * @param ledgerEntryId the agent's message in the ledger.
 * @param receipt what to tell Genesys.
 */
record GenesysReceiptDue(String tenantId, long ledgerEntryId, OpenInboundReceipt receipt) {}

package io.switchboard.conversation;

import java.time.Instant;

/**
 * A customer's message was recorded in the ledger for the first time (a redelivery records nothing and publishes
 * nothing). Published through the event publication registry for subscribers that need no order: metrics, audit, the
 * desk and automations. Deliveries themselves travel on the ordered work queues.
 *
 * @param type the message's kind as the channel named it.
 * @param sentAt when the customer sent it.
 */
public record CustomerMessageRecorded(String tenantId, long ledgerEntryId, CustomerId customer, String type,
		Instant sentAt) {}

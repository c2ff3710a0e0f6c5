/**
 * The state manager: who each customer is (phone and business-scoped ids linked to one customer id), which Genesys
 * conversation they are in, and the ledger of every message relayed, with statuses that only move forward.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "platform :: web", "tenant" })
@NullMarked
package io.switchboard.conversation;

import org.jspecify.annotations.NullMarked;

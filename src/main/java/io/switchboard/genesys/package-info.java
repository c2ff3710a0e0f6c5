/**
 * Genesys Cloud Open Messaging: the typed client Switchboard calls Genesys with (inbound messages, receipts) and,
 * later, the webhook Genesys calls Switchboard with.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "auth", "conversation", "media", "platform", "platform :: http", "platform :: web", "tenant", "work" })
@NullMarked
package io.switchboard.genesys;

import org.jspecify.annotations.NullMarked;

/**
 * Tenants: the businesses Switchboard serves, each with a WhatsApp account and a Genesys Cloud account whose secrets
 * are encrypted at rest. Looked up by id, WhatsApp phone_number_id or Genesys integration id.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "platform :: web", "cache" })
@NullMarked
package io.switchboard.tenant;

import org.jspecify.annotations.NullMarked;

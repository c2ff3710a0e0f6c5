/**
 * The inbound pipeline: a customer's WhatsApp message, identified, recorded and relayed to Genesys Cloud.
 */
@NullMarked
package io.switchboard.relay.inbound;

import org.jspecify.annotations.NullMarked;

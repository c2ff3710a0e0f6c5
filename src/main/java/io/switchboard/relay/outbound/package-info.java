/**
 * The outbound pipeline: an agent's Genesys message, mapped and sent to the customer on WhatsApp, and WhatsApp's
 * delivery statuses reported back to Genesys as receipts.
 */
@NullMarked
package io.switchboard.relay.outbound;

import org.jspecify.annotations.NullMarked;

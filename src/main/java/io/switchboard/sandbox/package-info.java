/**
 * The sandbox: faithful simulators of Genesys Cloud and of the Meta (WhatsApp) side, with a tenant wired to them and
 * two web pages to play customer and agent, served by the application itself when
 * {@code switchboard.sandbox.enabled=true}.
 */
@NullMarked
package io.switchboard.sandbox;

import org.jspecify.annotations.NullMarked;

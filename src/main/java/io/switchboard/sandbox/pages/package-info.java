/**
 * The sandbox's web pages (index, WhatsApp customer, Genesys agent) and the start-up message that points at them.
 * Created only by {@link io.switchboard.sandbox.SandboxConfiguration}.
 */
@NullMarked
package io.switchboard.sandbox.pages;

import org.jspecify.annotations.NullMarked;

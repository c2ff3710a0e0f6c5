/**
 * The simulated Meta side: the Graph API's messages endpoint (sends, marks as read, typing) with Meta-shaped errors
 * and scriptable faults, status webhooks, and the WhatsApp customer who writes to the application. Created only by
 * {@link io.switchboard.sandbox.SandboxConfiguration}.
 */
@NullMarked
package io.switchboard.sandbox.meta;

import org.jspecify.annotations.NullMarked;

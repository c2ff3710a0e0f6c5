/**
 * The simulated Genesys Cloud: OAuth client credentials, the Open Messaging API with Genesys-shaped validation and
 * errors, scriptable faults, the agent's inbox and the outbound webhooks with Genesys's retries. Created only by
 * {@link io.switchboard.sandbox.SandboxConfiguration}.
 */
@NullMarked
package io.switchboard.sandbox.genesys;

import org.jspecify.annotations.NullMarked;

/**
 * The sandbox: faithful simulators of Genesys Cloud ({@code genesys}) and of the Meta (WhatsApp) side ({@code meta}),
 * with a tenant wired to them and two web pages to play customer and agent ({@code pages}), served by the application
 * itself when {@code switchboard.sandbox.enabled=true}, as in the {@code sandbox} profile that
 * {@code ./mvnw spring-boot:run} activates. Off by default: a packaged jar started without that setting creates none of
 * it. {@link io.switchboard.sandbox.SandboxConfiguration} is the one switch; the root package holds what the
 * simulators share (settings, the public URL, the clock, the tenant, the guard against production starts).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "platform :: web", "tenant" })
@NullMarked
package io.switchboard.sandbox;

import org.jspecify.annotations.NullMarked;

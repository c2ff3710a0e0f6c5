/**
 * The two pipelines between the platforms (the seed's inbound and outbound transformers): they consume the work
 * channels, map between WhatsApp's and Genesys's formats with pure functions, resolve the conversation and call the
 * other platform.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "conversation", "genesys", "media", "whatsapp", "platform", "platform :: web", "tenant", "work" })
@NullMarked
package io.switchboard.relay;

import org.jspecify.annotations.NullMarked;

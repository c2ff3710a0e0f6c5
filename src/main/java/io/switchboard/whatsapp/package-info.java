/**
 * The WhatsApp Cloud API side: the webhook model Meta posts to Switchboard, its tolerant parser, and the work records
 * an accepted webhook is handed on as.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "conversation", "media", "platform", "platform :: http", "platform :: web", "tenant", "work" })
@NullMarked
package io.switchboard.whatsapp;

import org.jspecify.annotations.NullMarked;

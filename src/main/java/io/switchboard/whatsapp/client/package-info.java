/**
 * The HTTP client for the WhatsApp Cloud API: paced, classified sends behind
 * {@link io.switchboard.whatsapp.WhatsAppSender}.
 */
@NullMarked
package io.switchboard.whatsapp.client;

import org.jspecify.annotations.NullMarked;

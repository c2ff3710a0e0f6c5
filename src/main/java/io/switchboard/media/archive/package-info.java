/**
 * The copy of raw webhook payloads into the webhook buckets.
 */
@NullMarked
package io.switchboard.media.archive;

import org.jspecify.annotations.NullMarked;

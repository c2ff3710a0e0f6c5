/**
 * Fetching a business's attachment from the internet into the media store: only public hosts, checked after DNS
 * resolution and on every redirect, connected to at the address checked; the content type detected from the bytes.
 */
@NullMarked
package io.switchboard.media.fetch;

import org.jspecify.annotations.NullMarked;

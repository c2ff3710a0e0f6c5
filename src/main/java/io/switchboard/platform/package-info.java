/**
 * The shared kernel: secrets, JSON reading rules, identifiers, webhook signatures, roles, outages, and the web
 * edge's building blocks (named interface {@code web}: the problem catalogue, the webhook edge, the calling tenant).
 * Kept small on purpose; the embedded database is internal.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package io.switchboard.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

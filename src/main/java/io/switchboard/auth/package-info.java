/**
 * Platform access tokens: Genesys Cloud client-credentials tokens per tenant, cached, refreshed early and requested
 * single-flight, shared among processes through Redis when {@code switchboard.cache=redis}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "platform :: http", "tenant", "cache" })
@NullMarked
package io.switchboard.auth;

import org.jspecify.annotations.NullMarked;

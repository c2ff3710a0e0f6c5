/**
 * Platform access tokens: Genesys Cloud client-credentials tokens per tenant, cached, refreshed early and requested
 * single-flight.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "platform :: http", "tenant" })
@NullMarked
package io.switchboard.auth;

import org.jspecify.annotations.NullMarked;

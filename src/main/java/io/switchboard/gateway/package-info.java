/**
 * The HTTP edge: authenticates API callers per tenant, answers every error as a problem detail and describes the API
 * with OpenAPI.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "platform :: web", "tenant" })
@NullMarked
package io.switchboard.gateway;

import org.jspecify.annotations.NullMarked;

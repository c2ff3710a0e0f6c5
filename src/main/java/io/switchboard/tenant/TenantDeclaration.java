package io.switchboard.tenant;

import io.switchboard.platform.Secret;

import org.jspecify.annotations.Nullable;

/**
 * A tenant to be stored at start-up, contributed as a bean by a module that brings its own tenant (the sandbox does).
 * Tenants declared in configuration ({@code switchboard.tenants}) are stored the same way.
 *
 * @param tenant the tenant.
 * @param apiKey the key back-office systems present for it; stored only as a hash.
 */
public record TenantDeclaration(Tenant tenant, @Nullable Secret apiKey) {}

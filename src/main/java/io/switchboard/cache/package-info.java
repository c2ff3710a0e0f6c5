/**
 * Shared state on Redis, chosen with {@code switchboard.cache=redis} ({@code spring.data.redis.*} names the server;
 * the default {@code in-process} keeps every cache in the process): the {@link io.switchboard.cache.RedisLink} other
 * modules' Redis adapters go through, which notices when Redis is away so they can fall back to their in-process
 * adapters, and the {@code redis} health component that warns about it. docs/operations.md ("Redis") lists the keys.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
@NullMarked
package io.switchboard.cache;

import org.jspecify.annotations.NullMarked;

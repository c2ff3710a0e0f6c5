/**
 * The durable, ordered hand-over between the code that accepts work and the workers that do it: work channels
 * ({@link io.switchboard.work.WorkChannels}) with one {@link io.switchboard.work.WorkHandler} each, retries that
 * honour the platforms' {@link io.switchboard.work.RetryLater}, dead letters, and
 * {@link io.switchboard.work.AcceptanceRecorder} for writes that must not be lost once a platform accepted.
 * Transports (the database's {@code work_items} table, RabbitMQ) and the dead-letter admin API are internal.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "platform :: web" })
@NullMarked
package io.switchboard.work;

import org.jspecify.annotations.NullMarked;

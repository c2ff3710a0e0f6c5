/**
 * The web edge's building blocks every module's controllers use: the catalogue of problem types
 * ({@link io.switchboard.platform.web.ProblemType}, see docs/api-errors.md), errors as exceptions, the webhook edge
 * (size cap, signature, counters) and who is calling.
 */
@NamedInterface("web")
@NullMarked
package io.switchboard.platform.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

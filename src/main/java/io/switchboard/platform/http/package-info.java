/**
 * The HTTP core the platform clients share (the Cloud API, Genesys's Platform API and Genesys's login): one attempt
 * loop with time-outs, jittered exponential backoff and {@code Retry-After}, timings under one metric name per
 * platform, and base URLs joined in one place. Each client only decodes its platform's answers into a
 * {@link io.switchboard.platform.http.Verdict} and keeps its own rules. Named interface {@code http} of the platform
 * module.
 */
@NamedInterface("http")
@NullMarked
package io.switchboard.platform.http;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

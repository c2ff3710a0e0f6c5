/**
 * What happens in conversations, counted: a subscriber of the core's past-tense events (customer messages recorded,
 * statuses changed, conversations routed and reassigned), delivered through Spring Modulith's event publication
 * registry. It needs no order and never holds up a delivery; audit, the desk and automations subscribe the same way.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "conversation")
@NullMarked
package io.switchboard.activity;

import org.jspecify.annotations.NullMarked;

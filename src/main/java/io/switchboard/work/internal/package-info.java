/**
 * The work channels' machinery: the database transport, the runner of every attempt, the backlog and the dead
 * letters.
 */
@NullMarked
package io.switchboard.work.internal;

import org.jspecify.annotations.NullMarked;

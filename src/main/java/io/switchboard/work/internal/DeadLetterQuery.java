package io.switchboard.work.internal;

import io.switchboard.work.internal.DeadLetter.Reason;
import io.switchboard.work.internal.DeadLetter.State;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which dead letters to list or replay; every criterion left {@literal null} matches all.
 *
 * @param tenant only this tenant's.
 * @param channel only this work channel's.
 * @param reason only those given up for this reason.
 * @param deadBefore only those dead-lettered before this instant (older than an age).
 * @param deadAfter only those dead-lettered after it.
 * @param state only those in this state.
 * @param limit at most this many, newest first.
 */
public record DeadLetterQuery(@Nullable String tenant, @Nullable String channel, @Nullable Reason reason,
		@Nullable Instant deadBefore, @Nullable Instant deadAfter, State state, int limit) {

	/**
	 * @return whether any criterion but the state and the limit is set.
	 */
	public boolean narrowed() {
		return tenant != null || channel != null || reason != null || deadBefore != null || deadAfter != null;
	}
}

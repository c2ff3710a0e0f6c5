package io.switchboard.platform;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells an outage of Switchboard's own infrastructure (the database unreachable, its connections terminated, a
 * transaction that could not start, or whose rollback failed because its connection was lost) from other failures. Work that meets an outage is retried as long as work that
 * meets a platform's outage; other failures are bugs or bad data and are retried only a few times.
 */
public final class Outages {

	private Outages() {
	}

	/**
	 * @return whether the failure, or one of its causes, is an infrastructure outage worth waiting out.
	 */
	public static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLException sql && lostConnection(sql.getSQLState())) {
				return true;
			}
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& isOutage(rollback.getApplicationException())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @return whether a SQL state says the connection or the server went away: class 08 (connection exception),
	 *         57P01–57P03 (administrator shutdown, crash shutdown, cannot connect now) or 53 (insufficient resources).
	 */
	private static boolean lostConnection(@Nullable String state) {
		return state != null && (state.startsWith("08") || state.startsWith("57P0") || state.startsWith("53"));
	}
}

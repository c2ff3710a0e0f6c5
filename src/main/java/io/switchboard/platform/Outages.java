package io.switchboard.platform;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells an outage of Switchboard's own infrastructure (the database unreachable, its connections terminated, a
 * transaction that could not start) from other failures. Work that meets an outage is retried as long as work that
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
					|| cause instanceof CannotCreateTransactionException) {
				return true;
			}
		}
		return false;
	}
}

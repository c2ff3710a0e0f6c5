package io.switchboard.genesys;

import org.jspecify.annotations.Nullable;

/**
 * Genesys refused a request for a reason retrying will not fix (a 4xx answer other than 429, or an OAuth client it
 * does not accept). The message says why, in Genesys's words, and carries no secret.
 */
public class GenesysRejected extends RuntimeException {

	private final int status;
	private final @Nullable String code;
	private final @Nullable String contextId;

	public GenesysRejected(int status, @Nullable String code, String message, @Nullable String contextId) {
		super(message);
		this.status = status;
		this.code = code;
		this.contextId = contextId;
	}

	public int status() {
		return status;
	}

	public @Nullable String code() {
		return code;
	}

	/**
	 * @return Genesys's correlation id for the failed request, to quote to Genesys support.
	 */
	public @Nullable String contextId() {
		return contextId;
	}

	/**
	 * @return a one-line reason fit for the message ledger: {@code Genesys 400 bad.request: <message>}.
	 */
	public String reason() {
		return "Genesys " + status + (code == null ? "" : " " + code) + ": " + getMessage();
	}
}

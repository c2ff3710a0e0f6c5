package io.switchboard.auth;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Genesys Cloud did not issue an access token. {@link #retryable()} tells a passing failure (429, 5xx, time-out,
 * connection failure) from one that needs someone to fix the tenant's OAuth client ({@code invalid_client} and other
 * 4xx answers). The message names the tenant, the status and Genesys's OAuth error, never the client secret.
 */
public class GenesysLoginFailed extends RuntimeException {

	private static final int MAX_DESCRIPTION = 200;

	private final int status;
	private final @Nullable String error;
	private final boolean retryable;
	private final @Nullable Duration retryAfter;

	/**
	 * @param message must not be {@literal null} and must not contain secrets.
	 * @param status the HTTP status of the login answer, {@literal 0} when there was none.
	 * @param error the OAuth {@code error} code, e.g. {@code invalid_client}.
	 * @param retryable whether trying again later may succeed.
	 * @param retryAfter how long Genesys asked to wait, if it did.
	 * @param cause the underlying failure, if any.
	 */
	public GenesysLoginFailed(String message, int status, @Nullable String error, boolean retryable,
			@Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
		this.error = error;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/**
	 * Genesys answered the token request with an error status.
	 *
	 * @param tenantId must not be {@literal null}.
	 * @param status the HTTP status; 408, 429 and 5xx count as retryable.
	 * @param error the OAuth {@code error} code from the answer, if any.
	 * @param description the OAuth {@code error_description}, if any; shortened.
	 * @param retryAfter the {@code Retry-After} Genesys sent, if any.
	 */
	public static GenesysLoginFailed answered(String tenantId, int status, @Nullable String error,
			@Nullable String description, @Nullable Duration retryAfter) {

		var message = new StringBuilder("Genesys login for tenant ").append(tenantId).append(" failed: ").append(status);
		if (error != null) {
			message.append(' ').append(error);
		}
		if (description != null && !description.isBlank()) {
			message.append(" (").append(shorten(description)).append(')');
		}
		boolean retryable = status == 408 || status == 429 || status >= 500;
		return new GenesysLoginFailed(message.toString(), status, error, retryable, retryAfter, null);
	}

	/**
	 * The token request got no answer (time-out, connection failure, interruption); retryable.
	 *
	 * @param tenantId must not be {@literal null}.
	 * @param cause must not be {@literal null}.
	 */
	public static GenesysLoginFailed unreachable(String tenantId, Throwable cause) {
		return new GenesysLoginFailed("Genesys login for tenant " + tenantId + " failed: no answer ("
				+ cause.getClass().getSimpleName() + ")", 0, null, true, null, cause);
	}

	/**
	 * @return the HTTP status of the login answer, {@literal 0} when there was none.
	 */
	public int status() {
		return status;
	}

	/**
	 * @return the OAuth {@code error} code, e.g. {@code invalid_client}, if Genesys sent one.
	 */
	public @Nullable String error() {
		return error;
	}

	/**
	 * @return whether trying again later may succeed; {@literal false} means the tenant's OAuth client needs fixing.
	 */
	public boolean retryable() {
		return retryable;
	}

	/**
	 * @return how long Genesys asked to wait before trying again, if it said.
	 */
	public @Nullable Duration retryAfter() {
		return retryAfter;
	}

	private static String shorten(String text) {
		String line = text.replaceAll("\\s+", " ").strip();
		return line.length() <= MAX_DESCRIPTION ? line : line.substring(0, MAX_DESCRIPTION) + "…";
	}
}

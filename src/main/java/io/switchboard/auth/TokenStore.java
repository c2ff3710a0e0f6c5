package io.switchboard.auth;

import io.switchboard.platform.Secret;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where Genesys tokens are kept between logins, and who may log in: {@link InProcessTokenStore} keeps them in the
 * process (the embedded default), {@link RedisTokenStore} shares them with every process of the cluster, so that a
 * token is requested once for all of them. A token belongs to one OAuth client of the tenant (its {@code client}
 * fingerprint): a token stored for another client is not handed out.
 */
interface TokenStore {

	/**
	 * @return the stored token of the tenant's client, if any and not yet past its refresh time.
	 */
	Optional<StoredToken> read(String tenantId, TokenClient client);

	/**
	 * Stores the tenant's token until its refresh time.
	 */
	void write(String tenantId, TokenClient client, StoredToken token);

	/**
	 * Claims the right to log in for the tenant, cluster-wide, for at most {@code hold}.
	 *
	 * @param owner identifies the claim; {@link #release} releases only the owner's claim.
	 * @return whether the claim was granted; when it was not, another process is logging in.
	 */
	boolean claimLogin(String tenantId, String owner, Duration hold);

	/**
	 * Gives up a claim made with {@link #claimLogin}, if it is still the owner's.
	 */
	void release(String tenantId, String owner);

	/**
	 * The OAuth client a token belongs to.
	 *
	 * @param fingerprint names the client without showing its secret (a SHA-256 prefix of URL, id and secret).
	 * @param secret the client secret; shared stores seal tokens under a key derived from it.
	 */
	record TokenClient(String fingerprint, Secret secret) {}

	/**
	 * A token and when to stop handing it out.
	 *
	 * @param value the access token; a credential, never logged.
	 * @param refreshAt when a new token must be requested.
	 */
	record StoredToken(String value, Instant refreshAt) {

		boolean freshAt(Instant now) {
			return now.isBefore(refreshAt);
		}

		@Override
		public String toString() {
			return "StoredToken[******, refreshAt=" + refreshAt + "]";
		}
	}
}

package io.switchboard.tenant.internal;

import java.util.Map;
import java.util.Set;

/**
 * Tells the other processes of a cluster that the stored tenants changed, and this process when theirs did:
 * {@link InProcessTenantChanges} where the process is alone (the embedded default), {@link RedisTenantChanges} through
 * Redis. PostgreSQL stays the source of truth; the feed only carries notices and the seed's lookup keys.
 */
interface TenantChangeFeed {

	/**
	 * Publishes the lookup keys of the tenants just stored and tells the other processes to reload.
	 *
	 * @param keys the seed's keys ({@code phone:{phone_number_id}}, {@code integration:{id}}) to the tenant id.
	 * @param gone keys that no longer lead to an active tenant.
	 */
	void stored(Map<String, String> keys, Set<String> gone);

	/**
	 * @param reload runs when another process stored tenants (or notices may have been missed), on another thread.
	 */
	void onChange(Runnable reload);
}

package io.switchboard.tenant.internal;

import io.switchboard.cache.CacheBackend;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A process on its own: it stored the tenants itself, nobody else needs telling.
 */
@Component
@ConditionalOnProperty(name = CacheBackend.PROPERTY, havingValue = CacheBackend.IN_PROCESS, matchIfMissing = true)
class InProcessTenantChanges implements TenantChangeFeed {

	@Override
	public void stored(Map<String, String> keys, Set<String> gone) {
	}

	@Override
	public void onChange(Runnable reload) {
	}
}

package io.switchboard.relay;

import io.switchboard.conversation.ConversationDestination;
import io.switchboard.tenant.Tenant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The destinations this process knows, by name, and which one a tenant's conversations go to. Two destinations
 * claiming one name stop the start; so does a default destination nobody implements.
 */
@Component
public class Destinations {

	private final Map<String, ConversationDestination> byName = new LinkedHashMap<>();
	private final ConversationDestination defaultDestination;

	Destinations(List<ConversationDestination> destinations, RelaySettings settings) {
		for (ConversationDestination destination : destinations) {
			ConversationDestination other = byName.putIfAbsent(destination.name(), destination);
			if (other != null) {
				throw new IllegalStateException("Two destinations are named '" + destination.name() + "': "
						+ other.getClass().getName() + " and " + destination.getClass().getName());
			}
		}
		defaultDestination = byName.get(settings.defaultDestination());
		if (defaultDestination == null) {
			throw new IllegalStateException("switchboard.relay.default-destination is '"
					+ settings.defaultDestination() + "', but the destinations are " + byName.keySet());
		}
	}

	/**
	 * @return the destination the tenant's customers' conversations go to.
	 */
	public ConversationDestination forTenant(Tenant tenant) {
		return defaultDestination;
	}
}

package io.switchboard.relay;

import io.switchboard.conversation.ConversationDestination;
import io.switchboard.conversation.CustomerChannel;
import io.switchboard.tenant.Tenant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;

/**
 * The customer channels and destinations this process knows, by name, and which of them a tenant's conversations use.
 * Two channels or two destinations claiming one name stop the start; so does a default destination nobody
 * implements.
 */
@Component
public class Routes {

	private final Map<String, CustomerChannel> channels;
	private final Map<String, ConversationDestination> destinations;
	private final ConversationDestination defaultDestination;
	private final CustomerChannel defaultChannel;

	Routes(List<CustomerChannel> channels, List<ConversationDestination> destinations, RelaySettings settings) {
		this.channels = byName(channels, CustomerChannel::name, "customer channels");
		this.destinations = byName(destinations, ConversationDestination::name, "destinations");
		defaultDestination = this.destinations.get(settings.defaultDestination());
		if (defaultDestination == null) {
			throw new IllegalStateException("switchboard.relay.default-destination is '"
					+ settings.defaultDestination() + "', but the destinations are " + this.destinations.keySet());
		}
		if (this.channels.size() != 1) {
			throw new IllegalStateException("Exactly one customer channel is supported for now, found "
					+ this.channels.keySet());
		}
		defaultChannel = this.channels.values().iterator().next();
	}

	private static <T> Map<String, T> byName(List<T> all, Function<T, String> name, String what) {
		Map<String, T> byName = new LinkedHashMap<>();
		for (T one : all) {
			T other = byName.putIfAbsent(name.apply(one), one);
			if (other != null) {
				throw new IllegalStateException("Two " + what + " are named '" + name.apply(one) + "': "
						+ other.getClass().getName() + " and " + one.getClass().getName());
			}
		}
		return byName;
	}

	/**
	 * @return the destination the tenant's customers' conversations go to.
	 */
	public ConversationDestination destinationFor(Tenant tenant) {
		return defaultDestination;
	}

	/**
	 * @return the channel the tenant's customers write on.
	 */
	public CustomerChannel channelFor(Tenant tenant) {
		return defaultChannel;
	}
}

package io.switchboard.relay;

import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.ConversationDestination;
import io.switchboard.conversation.CustomerChannel;
import io.switchboard.tenant.ChannelAccount;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

/**
 * The customer channels and destinations this process knows, by name, and which of them a conversation uses: a
 * conversation goes to the destination it records (its number's route when it began, or whoever it was handed to
 * since), and is answered on its number's channel. The start is refused when two channels or two destinations
 * claim one name, or when a tenant's number is routed to a destination or on a channel nobody implements.
 */
@Component
public class Routes {

	private final Map<String, CustomerChannel> channels;
	private final Map<String, ConversationDestination> destinations;

	Routes(List<CustomerChannel> channels, List<ConversationDestination> destinations, Tenants tenants) {
		this.channels = byName(channels, CustomerChannel::name, "customer channels");
		this.destinations = byName(destinations, ConversationDestination::name, "destinations");
		List<String> unrouted = new ArrayList<>();
		for (Tenant tenant : tenants.all()) {
			for (ChannelAccount account : tenant.channelAccounts()) {
				if (!this.destinations.containsKey(account.destination())
						|| !this.channels.containsKey(account.channel())) {
					unrouted.add("tenant " + tenant.id() + ", " + account.channel() + " number " + account.address()
							+ " → " + account.destination());
				}
			}
		}
		if (!unrouted.isEmpty()) {
			throw new IllegalStateException("Numbers routed to a destination or on a channel this application does not "
					+ "have: " + unrouted + "; the destinations are " + this.destinations.keySet() + ", the channels "
					+ this.channels.keySet());
		}
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
	 * @return the destination handling the conversation now.
	 * @throws IllegalStateException when no destination of that name exists (one was removed since).
	 */
	public ConversationDestination destinationOf(Conversation conversation) {
		ConversationDestination destination = destinations.get(conversation.destination());
		if (destination == null) {
			throw new IllegalStateException("Conversation " + conversation.id() + " is with destination '"
					+ conversation.destination() + "', which this application does not have");
		}
		return destination;
	}

	/**
	 * @return the destination the tenant's number is routed to, for messages that have no conversation; the main
	 *         number's when the tenant has no such number.
	 * @throws IllegalStateException when no destination of that name exists.
	 */
	public ConversationDestination defaultDestination(Tenant tenant, String channelAccount) {
		ChannelAccount account = tenant.channelAccount(channelAccount).orElse(tenant.mainAccount());
		ConversationDestination destination = destinations.get(account.destination());
		if (destination == null) {
			throw new IllegalStateException("Tenant " + tenant.id() + "'s number " + account.address()
					+ " is routed to destination '" + account.destination()
					+ "', which this application does not have");
		}
		return destination;
	}

	/**
	 * @return the channel the conversation's customer is answered on: its number's, else the tenant's main number's.
	 */
	public CustomerChannel channelFor(Tenant tenant, Optional<Conversation> conversation) {
		ChannelAccount account = conversation.flatMap(c -> tenant.channelAccount(c.channelAccount()))
			.orElse(tenant.mainAccount());
		CustomerChannel channel = channels.get(account.channel());
		if (channel == null) {
			throw new IllegalStateException("Tenant " + tenant.id() + " has a " + account.channel()
					+ " number, a channel this application does not have");
		}
		return channel;
	}
}

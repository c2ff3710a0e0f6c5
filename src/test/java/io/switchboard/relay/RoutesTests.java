package io.switchboard.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchboard.conversation.ConversationDestination;
import io.switchboard.conversation.CustomerChannel;
import io.switchboard.genesys.FakeGenesys;
import io.switchboard.tenant.ChannelAccount;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class RoutesTests {

	private static final String SECOND_NUMBER = "2000000000001";

	private final ConversationDestination genesys = destination("genesys");
	private final ConversationDestination recording = destination("recording");
	private final Tenant tenant = tenantWithASecondNumberRoutedTo("recording");
	private final Routes routes = new Routes(List.of(channel("whatsapp")), List.of(genesys, recording),
			tenants(tenant));

	@Test
	void routesAMessageWithoutAConversationToItsNumbersDestination() {
		assertThat(routes.defaultDestination(tenant, SECOND_NUMBER)).isSameAs(recording);
		assertThat(routes.defaultDestination(tenant, tenant.mainAccount().address())).isSameAs(genesys);
	}

	@Test
	void routesANumberTheTenantDoesNotHaveToItsMainNumbersDestination() {
		assertThat(routes.defaultDestination(tenant, "9999999999999")).isSameAs(genesys);
	}

	private static Tenant tenantWithASecondNumberRoutedTo(String destination) {
		Tenant plain = FakeGenesys.tenant("acme", URI.create("http://localhost:1"), "client", "secret");
		return new Tenant(plain.id(), plain.name(), false, plain.whatsapp(), plain.genesys(),
				List.of(ChannelAccount.whatsapp(SECOND_NUMBER, null, destination)));
	}

	private static ConversationDestination destination(String name) {
		ConversationDestination destination = mock(ConversationDestination.class);
		when(destination.name()).thenReturn(name);
		return destination;
	}

	private static CustomerChannel channel(String name) {
		CustomerChannel channel = mock(CustomerChannel.class);
		when(channel.name()).thenReturn(name);
		return channel;
	}

	private static Tenants tenants(Tenant tenant) {
		Tenants tenants = mock(Tenants.class);
		when(tenants.all()).thenReturn(List.of(tenant));
		return tenants;
	}
}

package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.Set;

import io.switchboard.platform.Role;
import io.switchboard.platform.Roles;

import org.junit.jupiter.api.Test;

class PortSettingsTests {

	@Test
	void noPortIsOpenedUnlessEnabled() {
		assertThat(new PortSettings(false, null).opened(new Roles(null), 8080)).isEmpty();
	}

	@Test
	void eachServicePlayedListensOnTheSeedsPort() {
		Map<Integer, Role> opened = new PortSettings(true, null).opened(new Roles(Set.of("genesys-webhook",
				"genesys-api")), 8080);

		assertThat(opened).containsOnly(Map.entry(3011, Role.GENESYS_WEBHOOK), Map.entry(3010, Role.GENESYS_API));
	}

	@Test
	void allServicesOpenElevenPorts() {
		assertThat(new PortSettings(true, null).opened(new Roles(null), 8080)).hasSize(Role.values().length);
	}

	@Test
	void aServiceCanBeMovedAndTheMainPortIsNotOpenedTwice() {
		PortSettings ports = new PortSettings(true, Map.of("whatsapp-webhook", 4009));

		assertThat(ports.opened(new Roles(Set.of("whatsapp-webhook")), 8080)).containsOnlyKeys(4009);
		assertThat(ports.opened(new Roles(Set.of("whatsapp-webhook")), 4009)).isEmpty();
		assertThat(ports.serviceAt(new Roles(Set.of("whatsapp-webhook")), 8080, 4009))
				.contains(Role.WHATSAPP_WEBHOOK);
		assertThat(ports.serviceAt(new Roles(Set.of("whatsapp-webhook")), 8080, 8080)).isEmpty();
	}

	@Test
	void aPortForAnUnknownServiceIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PortSettings(true, Map.of("widget", 3012)))
				.withMessageContaining("switchboard.ports.of.widget names no service")
				.withMessageContaining("pages");
	}

	@Test
	void twoServicesOnOnePortAreRefused() {
		PortSettings ports = new PortSettings(true, Map.of("tenant", 3005));

		assertThatIllegalArgumentException()
				.isThrownBy(() -> ports.opened(new Roles(Set.of("tenant", "state-manager")), 8080))
				.withMessageContaining("Port 3005 is given to both");
	}
}

package io.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.switchboard.work.WorkChannels;

import org.junit.jupiter.api.Test;

class RolesTests {

	private static final List<String> CHANNELS = Arrays.stream(WorkChannels.class.getFields())
			.filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
			.map(RolesTests::value).toList();

	@Test
	void noRolesMeansAllOfThem() {
		Roles roles = new Roles(null);

		assertThat(roles.roles()).containsExactly("all");
		assertThat(roles.services()).isEqualTo(EnumSet.allOf(Role.class));
		assertThat(roles.edge()).isTrue();
		assertThat(roles.worker()).isTrue();
		assertThat(roles.limitsPaths()).isFalse();
	}

	@Test
	void theEdgeGroupServesEveryPathAndConsumesNothing() {
		Roles edge = new Roles(Set.of("edge"));

		assertThat(edge.edge()).isTrue();
		assertThat(edge.worker()).isFalse();
		assertThat(CHANNELS).noneMatch(edge::consumes);
		assertThat(edge.services()).contains(Role.WHATSAPP_WEBHOOK, Role.GENESYS_WEBHOOK, Role.WHATSAPP_API,
				Role.GENESYS_API, Role.STATE_MANAGER, Role.TENANT, Role.AUTH, Role.GATEWAY, Role.PAGES)
				.doesNotContain(Role.INBOUND_TRANSFORMER, Role.OUTBOUND_TRANSFORMER);
		assertThat(edge.limitsPaths()).isFalse();
	}

	@Test
	void theWorkerGroupConsumesEveryWorkChannel() {
		Roles worker = new Roles(Set.of("worker"));

		assertThat(worker.worker()).isTrue();
		assertThat(worker.edge()).isFalse();
		assertThat(CHANNELS).isNotEmpty().allMatch(worker::consumes);
		assertThat(worker.limitsPaths()).isFalse();
	}

	@Test
	void everyWorkChannelIsConsumedByExactlyOneTransformer() {
		for (String channel : CHANNELS) {
			assertThat(Arrays.stream(Role.values()).filter(role -> role.channels().contains(channel)))
					.as(channel).containsExactly(channelOwner(channel));
		}
	}

	@Test
	void theTransformersSplitTheChannelsByDirection() {
		Roles inbound = new Roles(Set.of("inbound-transformer"));
		Roles outbound = new Roles(Set.of("outbound-transformer"));

		assertThat(inbound.consumes(WorkChannels.INBOUND_WHATSAPP_MESSAGES)).isTrue();
		assertThat(inbound.consumes(WorkChannels.INBOUND_API_MESSAGES)).isTrue();
		assertThat(inbound.consumes(WorkChannels.OUTBOUND_GENESYS_MESSAGES)).isFalse();
		assertThat(outbound.consumes(WorkChannels.OUTBOUND_GENESYS_MESSAGES)).isTrue();
		assertThat(outbound.consumes(WorkChannels.GENESYS_RECEIPTS)).isTrue();
		assertThat(outbound.consumes(WorkChannels.INBOUND_WHATSAPP_MESSAGES)).isFalse();
	}

	@Test
	void aServiceNameIsPlayedAloneAndLimitsTheMainPortToItsPaths() {
		Roles roles = new Roles(Set.of("genesys-webhook"));

		assertThat(roles.services()).containsExactly(Role.GENESYS_WEBHOOK);
		assertThat(roles.edge()).isTrue();
		assertThat(roles.worker()).isFalse();
		assertThat(CHANNELS).noneMatch(roles::consumes);
		assertThat(roles.limitsPaths()).isTrue();
		assertThat(roles.name()).isEqualTo("genesys-webhook");
	}

	@Test
	void servicesAndGroupsCombine() {
		Roles roles = new Roles(Set.of("whatsapp-webhook", "worker"));

		assertThat(roles.services()).containsExactlyInAnyOrder(Role.WHATSAPP_WEBHOOK, Role.INBOUND_TRANSFORMER,
				Role.OUTBOUND_TRANSFORMER);
		assertThat(roles.limitsPaths()).isFalse();
	}

	@Test
	void blanksAroundNamesAreIgnored() {
		assertThat(new Roles(Set.of(" auth ", "")).services()).containsExactly(Role.AUTH);
	}

	@Test
	void anUnknownNameIsRefusedWithTheValidOnesListed() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Roles(Set.of("genesys-webhook", "api-gateway")))
				.withMessageContaining("Unknown role(s) in switchboard.roles: api-gateway")
				.withMessageContaining("whatsapp-webhook, genesys-api, genesys-webhook")
				.withMessageContaining("inbound-transformer").withMessageContaining("edge, worker, all");
	}

	@Test
	void everyServiceHasTheSeedsPort() {
		assertThat(Role.of("whatsapp-webhook")).contains(Role.WHATSAPP_WEBHOOK);
		assertThat(Arrays.stream(Role.values()).mapToInt(Role::port).distinct().count())
				.isEqualTo(Role.values().length);
		assertThat(Arrays.stream(Role.values()).mapToInt(Role::port)).allMatch(port -> port >= 3000 && port <= 3012);
		assertThat(Role.GENESYS_API.port()).isEqualTo(3010);
		assertThat(Role.WHATSAPP_WEBHOOK.port()).isEqualTo(3009);
	}

	private static Role channelOwner(String channel) {
		return channel.startsWith("inbound-") ? Role.INBOUND_TRANSFORMER : Role.OUTBOUND_TRANSFORMER;
	}

	private static String value(Field field) {
		try {
			return (String) field.get(null);
		}
		catch (IllegalAccessException e) {
			throw new IllegalStateException(e);
		}
	}
}

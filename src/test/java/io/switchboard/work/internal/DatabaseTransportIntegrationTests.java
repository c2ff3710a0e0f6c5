package io.switchboard.work.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.work.internal.WorkSettings.Transport;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default transport of the work channels is the database, and then nothing talks to RabbitMQ: no consumer, no
 * relay, no connection, and no RabbitMQ health check that could make the application look DOWN.
 */
class DatabaseTransportIntegrationTests extends AbstractIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void workRunsOnTheDatabaseAndRabbitMqIsLeftAlone() throws Exception {
		assertThat(context.getBean(WorkSettings.class).transport()).isEqualTo(Transport.DATABASE);
		assertThat(context.getBeansOfType(WorkDispatcher.class)).hasSize(1);
		assertThat(context.containsBean("outboxRelay")).isFalse();
		assertThat(context.containsBean("shardConsumers")).isFalse();

		HttpResponse<String> health = http.send(management("/actuator/health").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode components = JsonMapper.builder().build().readTree(health.body()).path("components");
		assertThat(components.has("db")).isTrue();
		assertThat(components.has("rabbit")).isFalse();

		for (CachingConnectionFactory connections : context.getBeansOfType(CachingConnectionFactory.class).values()) {
			assertThat(connections.getCacheProperties().getProperty("localPort")).as("no connection was opened")
					.isEqualTo("0");
		}
	}
}

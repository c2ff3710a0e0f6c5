package io.switchboard.work.internal.rabbit;

import io.switchboard.work.WorkChannels;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.Roles;
import io.switchboard.work.internal.DeadLetters;
import io.switchboard.work.internal.WorkHandlers;
import io.switchboard.work.internal.NodeName;
import io.switchboard.work.internal.WorkItemsBacklog;
import io.switchboard.work.internal.WorkRunner;
import io.switchboard.work.internal.WorkSettings;
import io.switchboard.work.internal.WorkSignals;
import io.switchboard.work.internal.WorkerLoops;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The RabbitMQ transport of the work channels ({@code switchboard.work.transport=rabbitmq}): the {@link OutboxRelay}
 * on every node and the {@link ShardConsumers} on workers, over Spring Boot's RabbitMQ connection
 * ({@code spring.rabbitmq.*}). {@code WorkChannels.publish} stays an insert into the {@code work_items} outbox.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "switchboard.work.transport", havingValue = "rabbitmq")
class RabbitWorkConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RabbitWorkConfiguration.class);

	/**
	 * The relay cannot work without correlated publisher confirms and returns, so they are switched on whatever
	 * {@code spring.rabbitmq.publisher-confirm-type} and {@code publisher-returns} say.
	 */
	@Bean
	static BeanPostProcessor workPublisherConfirms() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String name) {
				if (bean instanceof CachingConnectionFactory connections) {
					if (connections.getPublisherConnectionFactory() instanceof CachingConnectionFactory publisher
							&& publisher != connections) {
						publisher.setPublisherConfirmType(ConfirmType.CORRELATED);
						publisher.setPublisherReturns(true);
					}
					if (!connections.isPublisherConfirms() || !connections.isPublisherReturns()) {
						log.info("Publisher confirms (correlated) and returns switched on for the work channels");
					}
					connections.setPublisherConfirmType(ConfirmType.CORRELATED);
					connections.setPublisherReturns(true);
				}
				return bean;
			}
		};
	}

	@Bean
	WorkTopology workTopology(RabbitWorkSettings settings, WorkHandlers handlers) {
		return new WorkTopology(settings.prefix(), settings.shards(), settings.deliveryLimit(),
				handlers.channels());
	}

	@Bean
	TopologyDeclarer workTopologyDeclarer(WorkTopology topology, ConnectionFactory connections) {
		return new TopologyDeclarer(topology, connections);
	}

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager transactions, ConnectionFactory connections,
			WorkTopology topology, TopologyDeclarer declarer, RabbitWorkSettings rabbitSettings, WorkSettings settings,
			WorkSignals signals, Roles roles, MeterRegistry meters, WorkerLoops loops) {
		return new OutboxRelay(jdbc, transactions, connections, topology, declarer, rabbitSettings, settings, signals,
				roles, meters, loops);
	}

	@Bean
	ShardConsumers shardConsumers(ConnectionFactory connections, WorkTopology topology, TopologyDeclarer declarer,
			WorkHandlers handlers, WorkRunner runner, RabbitWorkSettings settings, MeterRegistry meters,
			Roles roles, NodeName node, DeadLetters deadLetters, WorkerLoops loops) {
		ShardConsumers consumers = new ShardConsumers(connections, topology, declarer, handlers, runner, settings,
				meters, roles, node, deadLetters);
		loops.watch("rabbitmq-consumers", consumers::consuming);
		return consumers;
	}

	@Bean
	RabbitWorkBacklog rabbitWorkBacklog(WorkItemsBacklog outbox, WorkTopology topology, ShardConsumers consumers,
			ConnectionFactory connections) {
		return new RabbitWorkBacklog(outbox, topology, consumers, connections);
	}
}

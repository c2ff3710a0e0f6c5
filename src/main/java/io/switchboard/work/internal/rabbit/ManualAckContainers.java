package io.switchboard.work.internal.rabbit;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The listener containers the work transport consumes with: one consumer, manual acknowledgement, queues that may
 * not exist yet (declared later), daemon threads named after the queue, consumer tags naming the node.
 */
final class ManualAckContainers {

	private ManualAckContainers() {}

	/**
	 * @param name names the container and its threads.
	 * @param prefetch messages the broker hands over before they are acknowledged.
	 */
	static SimpleMessageListenerContainer of(ConnectionFactory connections, String node, String name, int prefetch,
			ChannelAwareMessageListener listener, String... queues) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
		container.setQueueNames(queues);
		container.setConcurrentConsumers(1);
		container.setPrefetchCount(prefetch);
		container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		container.setMissingQueuesFatal(false);
		container.setShutdownTimeout(10_000);
		container.setConsumerTagStrategy(q -> node + ":" + q + ":" + Long.toHexString(System.nanoTime()));
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("consume-" + name + "-");
		threads.setDaemon(true);
		container.setTaskExecutor(threads);
		container.setBeanName("work-" + name);
		container.setMessageListener(listener);
		container.afterPropertiesSet();
		return container;
	}
}

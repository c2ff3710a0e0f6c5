package io.switchboard.benchmark;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * The application's heap, read through its platform MXBeans: the harness attaches to the application's JVM (the JDK's
 * attach API starts its local management agent, so the application needs no JMX options) and samples the heap in use
 * every {@value #INTERVAL_MILLIS} ms on a thread of its own, keeping the peak of the whole heap and of the old
 * generation (where G1 puts objects of half a region or more, such as a file read into one array). The heap in use
 * includes garbage not collected yet, so it also listens for the collections and keeps the most the heap held right
 * after one: what survived, which is what the relay really holds.
 */
final class HeapSampler implements AutoCloseable {

	static final int INTERVAL_MILLIS = 10;

	private final JMXConnector connector;
	private final MemoryMXBean memory;
	private final MemoryPoolMXBean old;
	private final List<GarbageCollectorMXBean> collectors;
	private Thread sampling;
	private volatile boolean stop;
	private volatile long peakUsed;
	private volatile long peakOld;
	private volatile int samples;
	private volatile boolean listening;
	private volatile long peakAfterCollection;
	private volatile int collectionsSeen;

	private HeapSampler(JMXConnector connector) throws IOException {
		this.connector = connector;
		MBeanServerConnection server = connector.getMBeanServerConnection();
		this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
				MemoryMXBean.class);
		this.old = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class).stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP && pool.getName().contains("Old"))
				.findFirst().orElse(null);
		this.collectors = ManagementFactory.getPlatformMXBeans(server, GarbageCollectorMXBean.class);
		Set<String> heapPools = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class).stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
				.collect(Collectors.toSet());
		NotificationListener listener = (notification, handback) -> {
			if (listening && GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
					.equals(notification.getType())) {
				GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
						.from((CompositeData) notification.getUserData());
				long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
						.filter(pool -> heapPools.contains(pool.getKey()))
						.mapToLong(pool -> pool.getValue().getUsed()).sum();
				peakAfterCollection = Math.max(peakAfterCollection, after);
				collectionsSeen++;
			}
		};
		try {
			for (ObjectName collector : server.queryNames(
					new ObjectName(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
				server.addNotificationListener(collector, listener, null, null);
			}
		}
		catch (JMException e) {
			throw new IOException("cannot listen for the application's collections", e);
		}
	}

	static HeapSampler attach(long pid) throws IOException {
		VirtualMachine vm;
		try {
			vm = VirtualMachine.attach(Long.toString(pid));
		}
		catch (AttachNotSupportedException e) {
			throw new IOException("cannot attach to the application's JVM " + pid, e);
		}
		try {
			return new HeapSampler(JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent())));
		}
		finally {
			vm.detach();
		}
	}

	/**
	 * A heap reading.
	 *
	 * @param used bytes in use in the whole heap.
	 * @param old bytes in use in the old generation, 0 if the collector has none by that name.
	 * @param collections collections so far, of every collector.
	 */
	record Reading(long used, long old, long collections) {}

	/**
	 * Runs a full collection ({@code System.gc()} in the application, twice), then reads the heap.
	 */
	Reading afterCollection() throws InterruptedException {
		memory.gc();
		memory.gc();
		Thread.sleep(300);
		return read();
	}

	Reading read() {
		return new Reading(memory.getHeapMemoryUsage().getUsed(), old == null ? 0 : old.getUsage().getUsed(),
				collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum());
	}

	/**
	 * Starts sampling from the given reading on.
	 */
	void start(Reading from) {
		peakUsed = from.used();
		peakOld = from.old();
		peakAfterCollection = 0;
		collectionsSeen = 0;
		stop = false;
		listening = true;
		sampling = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
			while (!stop) {
				try {
					long used = memory.getHeapMemoryUsage().getUsed();
					long inOld = old == null ? 0 : old.getUsage().getUsed();
					peakUsed = Math.max(peakUsed, used);
					peakOld = Math.max(peakOld, inOld);
					samples++;
					Thread.sleep(INTERVAL_MILLIS);
				}
				catch (InterruptedException e) {
					return;
				}
				catch (RuntimeException gone) {
					return;
				}
			}
		});
	}

	/**
	 * Stops sampling.
	 *
	 * @return the peaks of the whole heap and of the old generation, and the collections so far.
	 */
	Reading stop() throws InterruptedException {
		stop = true;
		sampling.join(1000);
		Thread.sleep(300);
		listening = false;
		return new Reading(peakUsed, peakOld, read().collections());
	}

	/**
	 * @return the most the heap held right after a collection while sampling, 0 if there was none (notifications
	 *         arrive a little after their collection).
	 */
	long peakAfterCollection() {
		return peakAfterCollection;
	}

	/**
	 * @return how many collections were notified while sampling.
	 */
	int collectionsSeen() {
		return collectionsSeen;
	}

	/**
	 * @return how many samples were taken.
	 */
	int samples() {
		return samples;
	}

	@Override
	public void close() throws IOException {
		connector.close();
	}
}

package io.switchboard.work.internal.rabbit;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.Roles;
import io.switchboard.work.internal.SupervisedLoop;
import io.switchboard.work.internal.WorkSettings;
import io.switchboard.work.internal.WorkerLoops;
import io.switchboard.work.internal.WorkSignals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves work from the {@code work_items} outbox to RabbitMQ. Publishing stays an insert in the caller's transaction
 * ({@code JdbcWorkChannels}); this relay, on every edge or worker node, then repeats rounds of: in one transaction,
 * take the PostgreSQL advisory lock {@link #LOCK} (only one node's round runs at a time; the others skip the round),
 * read the oldest outbox rows of the channels that have a handler (and so a queue; rows of other channels stay, as
 * they would with the database transport) in id order, publish each persistently to the shard queue of its ordering key with
 * publisher confirms (mandatory, so an unroutable message comes back), wait for the confirms, and delete the rows
 * the broker confirmed. A nack, a return or no confirm within {@link RabbitWorkSettings#confirmTimeout()} leaves the
 * row for the next round (the work may then be delivered twice; handlers are idempotent). One round at a time, in
 * id order, on one channel, means RabbitMQ receives the work of one ordering key in the order it committed.
 * <p>
 * Woken by {@link WorkSignals} when work commits in this process; otherwise looks every
 * {@link WorkSettings#pollInterval()} (work other nodes committed while they were not relaying). Counts
 * {@code switchboard.work.published} per channel.
 */
final class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** The advisory lock of a relay round ({@code pg_try_advisory_xact_lock}), "SWOUTBOX" in ASCII. */
	static final long LOCK = 0x53574f5554424f58L;

	private static final String PENDING = """
			select id, channel, ordering_key, payload::text as payload, attempts, created_at from work_items
			where status <> 'FAILED' and channel in (:channels) order by id limit :limit""";

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final RabbitTemplate rabbit;
	private final WorkTopology topology;
	private final TopologyDeclarer declarer;
	private final RabbitWorkSettings rabbitSettings;
	private final WorkSettings settings;
	private final WorkSignals signals;
	private final Roles roles;
	private final MeterRegistry meters;
	private final Warnings warnings = new Warnings();
	private final WorkerLoops loops;
	private volatile boolean running;
	private @Nullable SupervisedLoop loop;

	OutboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager, ConnectionFactory connections,
			WorkTopology topology, TopologyDeclarer declarer, RabbitWorkSettings rabbitSettings, WorkSettings settings,
			WorkSignals signals, Roles roles, MeterRegistry meters, WorkerLoops loops) {
		if (!connections.isPublisherConfirms() || !connections.isPublisherReturns()) {
			throw new IllegalStateException("The RabbitMQ outbox relay needs publisher confirms (correlated) and returns");
		}
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.rabbit = new RabbitTemplate(connections);
		this.rabbit.setMandatory(true);
		this.rabbit.setReturnsCallback(returned -> {
			// handled where the confirm is awaited, through the CorrelationData
		});
		this.rabbit.setUsePublisherConnection(true);
		this.topology = topology;
		this.declarer = declarer;
		this.rabbitSettings = rabbitSettings;
		this.settings = settings;
		this.signals = signals;
		this.roles = roles;
		this.meters = meters;
		this.loops = loops;
	}

	@Override
	public void start() {
		running = true;
		if (!roles.edge() && !roles.worker()) {
			log.info("Neither edge nor worker role: the outbox relay does not run in this process");
			return;
		}
		Duration stallAfter = Duration.ofMinutes(1).plus(rabbitSettings.confirmTimeout())
				.plus(settings.pollInterval().multipliedBy(20));
		loop = loops.start("outbox-relay", settings.pollInterval(), stallAfter, relay -> relay());
	}

	@Override
	public void stop() {
		running = false;
		SupervisedLoop relay = loop;
		if (relay != null) {
			relay.finish();
			try {
				relay.join(rabbitSettings.confirmTimeout().plus(settings.pollInterval()).plusSeconds(5));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		rabbit.destroy();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

	/**
	 * One turn of the relay loop: a round, then a pause if it failed or a wait for new work if it emptied the outbox.
	 * Trouble with the broker or the database is logged at most once a minute; anything worse is left to the
	 * supervised loop, which logs it, pauses and carries on.
	 */
	private void relay() throws InterruptedException {
		Round round;
		try {
			round = round();
		}
		catch (RuntimeException e) {
			warnings.warn("The outbox relay could not publish work (will try again): {}", e.toString());
			Thread.sleep(settings.pollInterval());
			return;
		}
		if (round.failed() > 0) {
			Thread.sleep(settings.pollInterval());
		}
		else if (round.published() < rabbitSettings.outboxBatchSize()) {
			signals.awaitAny(settings.pollInterval());
		}
	}

	/**
	 * One round under the advisory lock; skipped (nothing published) when another node's round holds it.
	 */
	Round round() {
		Round round = transactions.execute(status -> {
			if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK)
					.query(Boolean.class).single())) {
				return Round.NONE;
			}
			List<Pending> pending = jdbc.sql(PENDING).param("channels", topology.channels())
					.param("limit", rabbitSettings.outboxBatchSize())
					.query((rs, n) -> new Pending(rs.getLong("id"), rs.getString("channel"),
							rs.getString("ordering_key"), rs.getString("payload"), rs.getInt("attempts"),
							rs.getTimestamp("created_at").toInstant()))
					.list();
			if (pending.isEmpty()) {
				return Round.NONE;
			}
			declarer.ensureDeclared();
			List<Long> confirmed = publish(pending);
			if (!confirmed.isEmpty()) {
				jdbc.sql("delete from work_items where id in (:ids)").param("ids", confirmed).update();
			}
			return new Round(confirmed.size(), pending.size() - confirmed.size());
		});
		return round == null ? Round.NONE : round;
	}

	/**
	 * Publishes on one channel and waits for the confirms.
	 *
	 * @return the ids the broker confirmed (and routed).
	 */
	private List<Long> publish(List<Pending> pending) {
		List<Long> confirmed = rabbit.invoke(operations -> {
			List<CorrelationData> correlations = new ArrayList<>(pending.size());
			for (Pending item : pending) {
				CorrelationData correlation = new CorrelationData(String.valueOf(item.id()));
				int shard = topology.shard(item.orderingKey());
				operations.send(topology.exchange(), topology.routingKey(item.channel(), shard), message(item),
						correlation);
				correlations.add(correlation);
			}
			long deadline = System.nanoTime() + rabbitSettings.confirmTimeout().toNanos();
			List<Long> acknowledged = new ArrayList<>(pending.size());
			for (int i = 0; i < pending.size(); i++) {
				Pending item = pending.get(i);
				if (confirmed(item, correlations.get(i), deadline)) {
					acknowledged.add(item.id());
					meters.counter("switchboard.work.published", "channel", item.channel()).increment();
				}
			}
			return acknowledged;
		});
		return confirmed == null ? List.of() : confirmed;
	}

	private boolean confirmed(Pending item, CorrelationData correlation, long deadline) {
		try {
			CorrelationData.Confirm confirm = correlation.getFuture()
					.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			ReturnedMessage returned = correlation.getReturned();
			if (returned != null) {
				warnings.warn("Work item {} on {} could not be routed ({}); it stays in the outbox", item.id(),
						item.channel(), returned.getReplyText());
				declarer.redeclareLater();
				return false;
			}
			if (!confirm.ack()) {
				warnings.warn("RabbitMQ refused work item {} on {} ({}); it stays in the outbox", item.id(),
						item.channel(), confirm.reason());
				return false;
			}
			return true;
		}
		catch (TimeoutException e) {
			warnings.warn("RabbitMQ did not confirm work item {} on {} in time; it stays in the outbox", item.id(),
					item.channel());
			return false;
		}
		catch (ExecutionException e) {
			warnings.warn("Work item {} on {} was not confirmed: {}", item.id(), item.channel(), e.getCause());
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private Message message(Pending item) {
		return MessageBuilder.withBody(item.payload().getBytes(StandardCharsets.UTF_8))
				.setContentType(MessageProperties.CONTENT_TYPE_JSON)
				.setContentEncoding(StandardCharsets.UTF_8.name())
				.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
				.setMessageId(String.valueOf(item.id()))
				.setHeader(WorkTopology.CHANNEL_HEADER, item.channel())
				.setHeader(WorkTopology.ORDERING_KEY_HEADER, item.orderingKey())
				.setHeader(WorkTopology.ATTEMPT_HEADER, item.attempts() + 1)
				.setHeader(WorkTopology.PUBLISHED_AT_HEADER, item.publishedAt().toEpochMilli())
				.build();
	}

	/**
	 * An outbox row.
	 *
	 * @param attempts attempts already made (by the database transport, before a switch to RabbitMQ).
	 * @param publishedAt when the row was written, from which the retry period counts.
	 */
	private record Pending(long id, String channel, String orderingKey, String payload, int attempts,
			Instant publishedAt) {}

	/**
	 * @param published rows confirmed and deleted.
	 * @param failed rows left in the outbox after a nack, return or time-out.
	 */
	record Round(int published, int failed) {

		static final Round NONE = new Round(0, 0);
	}

	/**
	 * Logs the same kind of trouble at most once a minute, so that a broker outage or a stuck row does not flood the
	 * log at the polling rate.
	 */
	private static final class Warnings {

		private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

		private final Map<String, Long> last = new ConcurrentHashMap<>();

		void warn(String format, Object... arguments) {
			long now = System.nanoTime();
			Long previous = last.get(format);
			if (previous == null || now - previous > QUIET_NANOS) {
				last.put(format, now);
				log.warn(format, arguments);
			}
			else if (log.isDebugEnabled()) {
				log.debug(format, arguments);
			}
		}
	}
}

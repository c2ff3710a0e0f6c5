package io.switchboard.work.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.work.WorkChannels;
import io.switchboard.work.WorkHandler;
import io.switchboard.work.internal.DeadLetter.Reason;
import io.switchboard.work.internal.DeadLetter.State;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead letters of both work transports, in {@code dead_letters}: what the transports give up lands here (the
 * database transport moves the {@code work_items} row, the RabbitMQ consumers write what they park and what the
 * broker dead-lettered), and operators list, replay or discard it. Replaying publishes the work again through
 * {@link WorkChannels} in the transaction that marks the dead letter replayed, after the channel's handler was told
 * ({@link WorkHandler#replayed}) so that it delivers the work once more; the handlers' idempotency applies as to any
 * redelivery. Every action is logged with who took it, never with the payload. Keeps the gauge
 * {@code switchboard.work.dead-letters} (dead letters not yet resolved) per channel.
 */
@Component
public class DeadLetters {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private static final int MAX_ERROR = 1000;
	private static final long COUNT_NANOS = TimeUnit.SECONDS.toNanos(5);

	/** The tenant part of an ordering key ({@code tenantId|customerId}), in SQL; {@code %1$s} is the key. */
	private static final String TENANT_OF = "case when position('|' in %1$s) > 0 then split_part(%1$s, '|', 1) end";

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final WorkChannels channels;
	private final JsonMapper json;
	private final WorkPayloads payloads;
	private final WorkHandlers handlers;
	private volatile @Nullable Counts counts;

	DeadLetters(JdbcClient jdbc, TransactionTemplate tx, WorkChannels channels, JsonMapper json, WorkPayloads payloads,
			WorkHandlers handlers, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.channels = channels;
		this.json = json;
		this.payloads = payloads;
		this.handlers = handlers;
		handlers.channels().forEach(channel -> Gauge.builder("switchboard.work.dead-letters", () -> dead(channel))
				.tag("channel", channel).description("Dead letters not yet replayed or discarded").register(meters));
	}

	/**
	 * Work a transport gave up, as it knows it.
	 *
	 * @param workId its id on the transport.
	 * @param payload the work as published; kept as a JSON string when it is not JSON at all.
	 */
	public record Given(String workId, String channel, String orderingKey, String payload, Reason reason,
			@Nullable String lastError, int attempts, Instant publishedAt) {}

	/**
	 * What became of a request to replay or discard a dead letter.
	 */
	public sealed interface Resolution {

		/** Done; the dead letter as it is now. */
		record Done(DeadLetter letter) implements Resolution {}

		/** There is no dead letter with that id. */
		record Unknown(long id) implements Resolution {}

		/** It was replayed or discarded before; nothing was done. */
		record AlreadyResolved(DeadLetter letter) implements Resolution {}
	}

	/**
	 * Records work a transport gave up; the same work (channel and id) is recorded once.
	 *
	 * @throws DataAccessException when the table cannot be written; the caller keeps the work elsewhere.
	 */
	public void add(Given given) {
		jdbc.sql("""
				insert into dead_letters (work_id, channel, ordering_key, tenant_id, payload, reason, last_error,
				                          attempts, published_at)
				values (:workId, :channel, :key, %s, :payload::jsonb, :reason, :error, :attempts, :publishedAt)
				on conflict (channel, work_id) do nothing""".formatted(TENANT_OF.formatted(":key")))
				.param("workId", given.workId())
				.param("channel", given.channel())
				.param("key", given.orderingKey())
				.param("payload", asJson(given.payload()))
				.param("reason", given.reason().slug())
				.param("error", truncate(given.lastError()))
				.param("attempts", given.attempts())
				.param("publishedAt", Timestamp.from(given.publishedAt()))
				.update();
	}

	/**
	 * Records work the transport gave up without its handler knowing (RabbitMQ's delivery limit), and tells the
	 * handler, as the runner does for work it gives up ({@link WorkHandler#exhausted}).
	 *
	 * @throws DataAccessException when the table cannot be written; the handler is then not told.
	 */
	public void addExhausted(Given given) {
		add(given);
		WorkHandler<?> handler = handlers.of(given.channel()).orElse(null);
		if (handler != null) {
			tellExhausted(handler, given.payload(), given.lastError() == null ? "unknown" : given.lastError());
		}
	}

	/**
	 * @return whether the payload reads as the work of the channel's handler (also when the channel has none).
	 */
	public boolean readable(String channel, String payload) {
		WorkHandler<?> handler = handlers.of(channel).orElse(null);
		return handler == null || read(handler, payload) != null;
	}

	/**
	 * Moves a {@code work_items} row into the dead letters, in one statement.
	 */
	void moveFromWorkItems(long workItemId, Reason reason, @Nullable String lastError, int attempts) {
		jdbc.sql("""
				with parked as (delete from work_items where id = :id returning *)
				insert into dead_letters (work_id, channel, ordering_key, tenant_id, payload, reason, last_error,
				                          attempts, published_at)
				select id::text, channel, ordering_key, %s, payload, :reason, :error, :attempts, created_at
				from parked
				on conflict (channel, work_id) do nothing""".formatted(TENANT_OF.formatted("ordering_key")))
				.param("id", workItemId)
				.param("reason", reason.slug())
				.param("error", truncate(lastError))
				.param("attempts", attempts)
				.update();
	}

	/**
	 * @return the matching dead letters, most recently dead-lettered first.
	 */
	public List<DeadLetter> list(DeadLetterQuery query) {
		StringBuilder sql = new StringBuilder("select * from dead_letters where state = :state");
		Map<String, Object> params = new HashMap<>();
		params.put("state", query.state().name());
		params.put("limit", query.limit());
		criterion(sql, params, "tenant_id = :tenant", "tenant", query.tenant());
		criterion(sql, params, "channel = :channel", "channel", query.channel());
		criterion(sql, params, "reason = :reason", "reason", query.reason() == null ? null : query.reason().slug());
		criterion(sql, params, "dead_lettered_at < :before", "before",
				query.deadBefore() == null ? null : Timestamp.from(query.deadBefore()));
		criterion(sql, params, "dead_lettered_at > :after", "after",
				query.deadAfter() == null ? null : Timestamp.from(query.deadAfter()));
		sql.append(" order by dead_lettered_at desc, id desc limit :limit");
		return jdbc.sql(sql.toString()).params(params).query(DeadLetters::letter).list();
	}

	public Optional<DeadLetter> find(long id) {
		return jdbc.sql("select * from dead_letters where id = ?").param(id).query(DeadLetters::letter).optional();
	}

	/**
	 * Publishes a dead letter's work again, on its channel under its ordering key, and marks it replayed, in one
	 * transaction. The channel's handler is told first ({@link WorkHandler#replayed}), so that work it recorded as
	 * given up is delivered again rather than skipped as already failed.
	 *
	 * @param actor who asks.
	 * @param reason why, if they said.
	 */
	public Resolution replay(long id, String actor, @Nullable String reason) {
		return resolve(id, State.REPLAYED, actor, reason, letter -> {
			WorkHandler<?> handler = handlers.of(letter.channel()).orElse(null);
			if (handler != null) {
				tellReplayed(handler, letter.payload());
			}
			channels.publish(letter.channel(), letter.orderingKey(), json.readTree(letter.payload()));
		});
	}

	/**
	 * Marks a dead letter discarded: its work is not done, and the row stays as the record of the decision.
	 *
	 * @param reason why; required.
	 */
	public Resolution discard(long id, String actor, String reason) {
		return resolve(id, State.DISCARDED, actor, reason, letter -> {});
	}

	private Resolution resolve(long id, State target, String actor, @Nullable String reason,
			Consumer<DeadLetter> action) {
		Resolution resolution = tx.execute(status -> {
			Optional<DeadLetter> found = jdbc.sql("select * from dead_letters where id = ? for update").param(id)
					.query(DeadLetters::letter).optional();
			if (found.isEmpty()) {
				return new Resolution.Unknown(id);
			}
			DeadLetter letter = found.get();
			if (letter.state() != State.DEAD) {
				return new Resolution.AlreadyResolved(letter);
			}
			action.accept(letter);
			jdbc.sql("update dead_letters set state = ?, acted_by = ?, acted_at = now(), action_reason = ? where id = ?")
					.params(target.name(), actor, reason, id).update();
			return new Resolution.Done(find(id).orElseThrow());
		});
		if (resolution instanceof Resolution.Done(DeadLetter letter)) {
			counts = null;
			log.info("Dead letter {} (work {} on {}, tenant {}, {}) {} by {}{}", letter.id(), letter.workId(),
					letter.channel(), letter.tenantId(), letter.reason().slug(),
					target == State.REPLAYED ? "replayed" : "discarded", actor,
					reason == null ? "" : ": " + reason);
		}
		return resolution;
	}

	private <T> void tellReplayed(WorkHandler<T> handler, String payload) {
		T work = read(handler, payload);
		if (work != null) {
			handler.replayed(work);
		}
	}

	private <T> void tellExhausted(WorkHandler<T> handler, String payload, String reason) {
		T work = read(handler, payload);
		if (work != null) {
			try {
				handler.exhausted(work, reason);
			}
			catch (RuntimeException e) {
				log.error("Handler of {} could not record the failure of a dead letter: {}", handler.channel(),
						e.toString());
			}
		}
	}

	private <T> @Nullable T read(WorkHandler<T> handler, String payload) {
		try {
			return payloads.read(payload, handler.type());
		}
		catch (RuntimeException unreadable) {
			return null;
		}
	}

	private static void criterion(StringBuilder sql, Map<String, Object> params, String condition, String name,
			@Nullable Object value) {
		if (value != null) {
			sql.append(" and ").append(condition);
			params.put(name, value);
		}
	}

	private String asJson(String payload) {
		try {
			JsonNode node = json.readTree(payload);
			if (node != null && !node.isMissingNode()) {
				return payload;
			}
		}
		catch (RuntimeException notJson) {
			// kept as a string below
		}
		return json.writeValueAsString(payload);
	}

	private double dead(String channel) {
		Counts current = counts;
		if (current == null || System.nanoTime() - current.readAt() > COUNT_NANOS) {
			try {
				Map<String, Long> byChannel = new HashMap<>();
				jdbc.sql("select channel, count(*) as dead from dead_letters where state = 'DEAD' group by channel")
						.query(rs -> {
							byChannel.put(rs.getString("channel"), rs.getLong("dead"));
						});
				current = new Counts(byChannel, System.nanoTime());
				counts = current;
			}
			catch (DataAccessException e) {
				return Double.NaN;
			}
		}
		return current.byChannel().getOrDefault(channel, 0L);
	}

	static @Nullable String truncate(@Nullable String error) {
		return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
	}

	private static DeadLetter letter(ResultSet rs, int row) throws SQLException {
		return new DeadLetter(rs.getLong("id"), rs.getString("work_id"), rs.getString("channel"),
				rs.getString("ordering_key"), rs.getString("tenant_id"), rs.getString("payload"),
				Reason.of(rs.getString("reason")), rs.getString("last_error"), rs.getInt("attempts"),
				rs.getTimestamp("published_at").toInstant(), rs.getTimestamp("dead_lettered_at").toInstant(),
				State.valueOf(rs.getString("state")), rs.getString("acted_by"), instant(rs.getTimestamp("acted_at")),
				rs.getString("action_reason"));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/**
	 * Dead letters per channel as last counted.
	 *
	 * @param readAt {@link System#nanoTime()} of the count.
	 */
	private record Counts(Map<String, Long> byChannel, long readAt) {}
}

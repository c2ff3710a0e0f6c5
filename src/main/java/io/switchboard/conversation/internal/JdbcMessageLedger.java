package io.switchboard.conversation.internal;

import static io.switchboard.conversation.internal.JdbcConversations.instant;

import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.CustomerMessageRecorded;
import io.switchboard.conversation.Direction;
import io.switchboard.conversation.MessageStatusChanged;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.LedgerEntry.ReceiptState;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link MessageLedger} on the {@code message_tracking} table.
 */
@Component
class JdbcMessageLedger implements MessageLedger {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	JdbcMessageLedger(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@Override
	@Transactional
	public LedgerEntry recordInbound(String tenantId, String wamid, CustomerId customer, String type, Instant sentAt) {
		int created = jdbc.sql("""
				insert into message_tracking (tenant_id, direction, wa_id, meta_message_id, message_type, status, platform_time)
				values (?, 'inbound', ?, ?, ?, 'RECEIVED', ?)
				on conflict (tenant_id, direction, meta_message_id) where meta_message_id is not null do nothing""")
				.params(tenantId, customer.value(), wamid, type, Timestamp.from(sentAt))
				.update();
		LedgerEntry entry = findByWhatsAppId(tenantId, wamid).orElseThrow();
		if (created == 1) {
			events.publishEvent(new CustomerMessageRecorded(tenantId, entry.id(), customer, type, sentAt));
		}
		return entry;
	}

	@Override
	public LedgerEntry recordOutbound(String tenantId, String genesysMessageId, CustomerId customer, String type,
			@Nullable String conversationId, @Nullable Instant sentAt) {
		jdbc.sql("""
				insert into message_tracking (tenant_id, direction, wa_id, conversation_id, genesys_message_id,
				  message_type, status, platform_time)
				values (?, 'outbound', ?, ?, ?, ?, 'RECEIVED', ?)
				on conflict (tenant_id, direction, genesys_message_id) where genesys_message_id is not null do nothing""")
				.params(tenantId, customer.value(), conversationId, genesysMessageId, type,
						sentAt == null ? null : Timestamp.from(sentAt))
				.update();
		return findByGenesysId(tenantId, Direction.OUTBOUND, genesysMessageId).orElseThrow();
	}

	@Override
	@Transactional
	public Recorded recordHandedIn(String tenantId, String wamid, CustomerId customer, String type, Instant sentAt,
			String requestFingerprint) {
		int created = jdbc.sql("""
				insert into message_tracking (tenant_id, direction, wa_id, meta_message_id, message_type, status,
				  platform_time, request_fingerprint)
				values (?, 'inbound', ?, ?, ?, 'RECEIVED', ?, ?)
				on conflict (tenant_id, direction, meta_message_id) where meta_message_id is not null do nothing""")
				.params(tenantId, customer.value(), wamid, type, Timestamp.from(sentAt), requestFingerprint)
				.update();
		Recorded found = findHandedIn(tenantId, wamid).orElseThrow();
		if (created == 1) {
			events.publishEvent(new CustomerMessageRecorded(tenantId, found.entry().id(), customer, type, sentAt));
		}
		return new Recorded(found.entry(), created == 1, found.requestFingerprint());
	}

	@Override
	public Optional<Recorded> findHandedIn(String tenantId, String wamid) {
		return jdbc.sql("select * from message_tracking where tenant_id = ? and meta_message_id = ? "
				+ "order by id limit 1")
				.params(tenantId, wamid).query(JdbcMessageLedger::found).optional();
	}

	@Override
	public Recorded recordRequested(String tenantId, String requestKey, CustomerId customer, String type,
			String requestFingerprint) {
		int created = jdbc.sql("""
				insert into message_tracking (tenant_id, direction, wa_id, request_key, request_fingerprint,
				  message_type, status)
				values (?, 'outbound', ?, ?, ?, ?, 'RECEIVED')
				on conflict (tenant_id, direction, request_key) where request_key is not null do nothing""")
				.params(tenantId, customer.value(), requestKey, requestFingerprint, type)
				.update();
		Recorded found = findRequested(tenantId, requestKey).orElseThrow();
		return new Recorded(found.entry(), created == 1, found.requestFingerprint());
	}

	@Override
	public Optional<Recorded> findRequested(String tenantId, String requestKey) {
		return jdbc.sql("select * from message_tracking where tenant_id = ? and direction = 'outbound' "
				+ "and request_key = ?").params(tenantId, requestKey).query(JdbcMessageLedger::found).optional();
	}

	@Override
	public void markSent(long entryId, String wamid) {
		jdbc.sql("""
				update message_tracking set meta_message_id = ?, failure_reason = null, updated_at = now(), parts_sent = 0,
				  status = case when status = 'RECEIVED' then 'RELAYED' else status end
				where id = ?""")
				.params(wamid, entryId)
				.update();
	}

	@Override
	public void markPartsSent(long entryId, int partsSent, String firstWamid) {
		jdbc.sql("""
				update message_tracking set parts_sent = greatest(parts_sent, ?),
				  meta_message_id = coalesce(meta_message_id, ?), updated_at = now()
				where id = ?""")
				.params(partsSent, firstWamid, entryId)
				.update();
	}

	@Override
	public void markReceiptOwed(long entryId, String receipt) {
		jdbc.sql("update message_tracking set genesys_receipt = ?, genesys_receipt_state = 'OWED', "
				+ "genesys_receipt_error = null, updated_at = now() where id = ?")
				.params(receipt, entryId).update();
	}

	@Override
	public void markReceipt(long entryId, String receipt, ReceiptState state, @Nullable String error) {
		jdbc.sql("update message_tracking set genesys_receipt_state = ?, genesys_receipt_error = ?, updated_at = now() "
				+ "where id = ? and genesys_receipt = ?")
				.params(state.name(), error, entryId, receipt).update();
	}

	@Override
	public void markRelayed(long entryId, String genesysMessageId, @Nullable String conversationId) {
		jdbc.sql("""
				update message_tracking set status = 'RELAYED', genesys_message_id = ?,
				  conversation_id = coalesce(?, conversation_id), failure_reason = null, updated_at = now()
				where id = ?""")
				.params(genesysMessageId, conversationId, entryId)
				.update();
	}

	@Override
	@Transactional
	public void markFailed(long entryId, String reason) {
		jdbc.sql("update message_tracking set status = 'FAILED', failure_reason = ?, updated_at = now() where id = ? "
				+ "returning tenant_id")
				.params(reason, entryId)
				.query(String.class).optional()
				.ifPresent(tenant -> events.publishEvent(new MessageStatusChanged(tenant, entryId, MessageStatus.FAILED,
						reason)));
	}

	@Override
	public boolean markGivenUp(long entryId, String reason) {
		return jdbc.sql("update message_tracking set status = 'FAILED', failure_reason = ?, updated_at = now() "
				+ "where id = ? and status = 'RECEIVED'").params(GAVE_UP + reason, entryId).update() > 0;
	}

	@Override
	public boolean reopenGivenUp(long entryId) {
		return jdbc.sql("update message_tracking set status = 'RECEIVED', failure_reason = null, updated_at = now() "
				+ "where id = ? and status = 'FAILED' and starts_with(failure_reason, ?)")
				.params(entryId, GAVE_UP).update() > 0;
	}

	@Override
	@Transactional
	public boolean applyStatus(long entryId, MessageStatus status, @Nullable String reason) {
		Optional<LedgerEntry> entry = jdbc.sql("select * from message_tracking where id = ? for update")
				.param(entryId).query(JdbcMessageLedger::entry).optional();
		if (entry.isEmpty() || !entry.get().status().canMoveTo(status)) {
			return false;
		}
		jdbc.sql("update message_tracking set status = ?, failure_reason = ?, updated_at = now() where id = ?")
				.params(status.name(), status == MessageStatus.FAILED ? reason : null, entryId)
				.update();
		events.publishEvent(new MessageStatusChanged(entry.get().tenantId(), entryId, status,
				status == MessageStatus.FAILED ? reason : null));
		return true;
	}

	@Override
	public void recordMedia(long entryId, LedgerEntry.MediaRecord media) {
		jdbc.sql("""
				update message_tracking set media_type = ?, media_key = ?, media_size = ?, media_sha256 = ?,
				  updated_at = now() where id = ?""")
				.params(media.type(), media.storeKey(), media.size(), media.sha256(), entryId)
				.update();
	}

	@Override
	public Optional<LedgerEntry> find(String tenantId, long entryId) {
		return jdbc.sql("select * from message_tracking where tenant_id = ? and id = ?")
				.params(tenantId, entryId).query(JdbcMessageLedger::entry).optional();
	}

	@Override
	public Optional<LedgerEntry> findByWhatsAppId(String tenantId, String wamid) {
		return jdbc.sql("select * from message_tracking where tenant_id = ? and meta_message_id = ? "
				+ "order by id limit 1")
				.params(tenantId, wamid).query(JdbcMessageLedger::entry).optional();
	}

	@Override
	public Optional<LedgerEntry> findByGenesysId(String tenantId, Direction direction, String genesysMessageId) {
		return jdbc.sql("select * from message_tracking where tenant_id = ? and direction = ? and genesys_message_id = ?")
				.params(tenantId, direction.value(), genesysMessageId).query(JdbcMessageLedger::entry).optional();
	}

	@Override
	public Optional<LedgerEntry> lastInbound(String tenantId, String customerId) {
		return jdbc.sql("select * from message_tracking where tenant_id = ? and wa_id = ? and direction = 'inbound' "
				+ "order by platform_time desc nulls last, id desc limit 1")
				.params(tenantId, customerId).query(JdbcMessageLedger::entry).optional();
	}

	@Override
	public List<LedgerEntry> list(String tenantId, @Nullable String customerId, @Nullable MessageStatus status,
			int limit) {
		return jdbc.sql("""
				select * from message_tracking where tenant_id = :tenant
				  and (cast(:customer as text) is null or wa_id = :customer)
				  and (cast(:status as text) is null or status = :status)
				order by id desc limit :limit""")
				.param("tenant", tenantId).param("customer", customerId)
				.param("status", status == null ? null : status.name()).param("limit", limit)
				.query(JdbcMessageLedger::entry).list();
	}

	private static Recorded found(ResultSet rs, int row) throws SQLException {
		return new Recorded(entry(rs, row), false, rs.getString("request_fingerprint"));
	}

	private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
		return new LedgerEntry(rs.getLong("id"), rs.getString("tenant_id"), Direction.of(rs.getString("direction")),
				rs.getString("wa_id"), rs.getString("conversation_id"), rs.getString("meta_message_id"),
				rs.getString("genesys_message_id"), rs.getString("message_type"),
				MessageStatus.valueOf(rs.getString("status")), rs.getString("failure_reason"),
				instant(rs, "platform_time"), rs.getString("genesys_receipt"),
				rs.getString("genesys_receipt_state") == null ? null
						: ReceiptState.valueOf(rs.getString("genesys_receipt_state")),
				rs.getString("genesys_receipt_error"), rs.getInt("parts_sent"), instant(rs, "created_at"),
				instant(rs, "updated_at"), rs.getString("media_key") == null ? null
						: new LedgerEntry.MediaRecord(rs.getString("media_type"), rs.getString("media_key"),
								rs.getLong("media_size"), rs.getString("media_sha256")));
	}
}

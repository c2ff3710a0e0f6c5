package io.switchboard.conversation.internal;

import io.switchboard.conversation.ConversationMapping;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Conversations} on the {@code contact_identities} and {@code conversation_mappings} tables.
 */
@Component
class JdbcConversations implements Conversations {

	private final JdbcClient jdbc;

	JdbcConversations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional
	public CustomerId identify(String tenantId, @Nullable String phone, @Nullable String userId) {
		if (phone == null && userId == null) {
			throw new IllegalArgumentException("a sender needs a phone number or a user id");
		}
		CustomerId customer = linked(tenantId, phone)
				.or(() -> linked(tenantId, userId))
				.orElseGet(() -> phone != null ? CustomerId.phone(phone) : CustomerId.bsuid(userId));
		if (phone != null) {
			link(tenantId, phone, customer);
		}
		if (userId != null) {
			link(tenantId, userId, customer);
		}
		return customer;
	}

	private Optional<CustomerId> linked(String tenantId, @Nullable String identity) {
		if (identity == null) {
			return Optional.empty();
		}
		return jdbc.sql("select customer_id, customer_kind from contact_identities where tenant_id = ? and identity = ?")
				.params(tenantId, identity)
				.query((rs, n) -> new CustomerId(rs.getString(1), CustomerId.Kind.valueOf(rs.getString(2))))
				.optional();
	}

	@Override
	public void link(String tenantId, String identity, CustomerId customer) {
		jdbc.sql("""
				insert into contact_identities (tenant_id, identity, customer_id, customer_kind) values (?, ?, ?, ?)
				on conflict do nothing""")
				.params(tenantId, identity, customer.value(), customer.kind().name())
				.update();
	}

	@Override
	public void customerWrote(String tenantId, CustomerId customer, @Nullable String contactName, Instant at) {
		Timestamp when = Timestamp.from(at);
		jdbc.sql("""
				insert into conversation_mappings (tenant_id, wa_id, id_type, contact_name, last_activity_at, last_inbound_at)
				values (:tenant, :customer, :kind, :name, greatest(now(), :at), :at)
				on conflict (tenant_id, wa_id) do update set
				  contact_name = coalesce(excluded.contact_name, conversation_mappings.contact_name),
				  last_activity_at = greatest(conversation_mappings.last_activity_at, excluded.last_activity_at),
				  last_inbound_at = greatest(conversation_mappings.last_inbound_at, excluded.last_inbound_at)""")
				.param("tenant", tenantId).param("customer", customer.value()).param("kind", customer.kind().name())
				.param("name", contactName).param("at", when)
				.update();
	}

	@Override
	public void assignConversation(String tenantId, CustomerId customer, String conversationId) {
		jdbc.sql("""
				insert into conversation_mappings (tenant_id, wa_id, id_type, conversation_id) values (?, ?, ?, ?)
				on conflict (tenant_id, wa_id) do update set conversation_id = excluded.conversation_id
				where conversation_mappings.conversation_id is distinct from excluded.conversation_id""")
				.params(tenantId, customer.value(), customer.kind().name(), conversationId)
				.update();
	}

	@Override
	public Optional<ConversationMapping> find(String tenantId, String customerId) {
		return jdbc.sql("select * from conversation_mappings where tenant_id = ? and wa_id = ?")
				.params(tenantId, customerId).query(JdbcConversations::mapping).optional();
	}

	@Override
	public Optional<ConversationMapping> findByConversationId(String tenantId, String conversationId) {
		return jdbc.sql("select * from conversation_mappings where tenant_id = ? and conversation_id = ? "
				+ "order by last_activity_at desc limit 1")
				.params(tenantId, conversationId).query(JdbcConversations::mapping).optional();
	}

	@Override
	public List<ConversationMapping> list(String tenantId, int limit) {
		return jdbc.sql("select * from conversation_mappings where tenant_id = ? order by last_activity_at desc limit ?")
				.params(tenantId, limit).query(JdbcConversations::mapping).list();
	}

	private static ConversationMapping mapping(ResultSet rs, int row) throws SQLException {
		return new ConversationMapping(rs.getString("tenant_id"),
				new CustomerId(rs.getString("wa_id"), CustomerId.Kind.valueOf(rs.getString("id_type"))),
				rs.getString("conversation_id"), rs.getString("contact_name"), instant(rs, "created_at"),
				instant(rs, "last_activity_at"), instant(rs, "last_inbound_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}
}

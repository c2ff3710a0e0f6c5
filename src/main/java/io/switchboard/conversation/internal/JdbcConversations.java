package io.switchboard.conversation.internal;

import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.ConversationId;
import io.switchboard.conversation.ConversationReassigned;
import io.switchboard.conversation.ConversationRouted;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Conversations} on the {@code contact_identities} and {@code conversations} tables.
 */
@Component
class JdbcConversations implements Conversations {

	private final JdbcClient jdbc;
	private final Cache<Identity, CustomerId> links = Caffeine.newBuilder().maximumSize(100_000).build();

	private final ApplicationEventPublisher events;

	JdbcConversations(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	private record Upserted(Conversation conversation, boolean opened) {}

	/** An identity of a tenant's customer; once linked, its customer never changes, so links are kept in memory. */
	private record Identity(String tenantId, String value) {}

	@Override
	@Transactional
	public CustomerId identify(String tenantId, @Nullable String phone, @Nullable String userId) {
		if (phone == null && userId == null) {
			throw new IllegalArgumentException("a sender needs a phone number or a user id");
		}
		CustomerId byPhone = phone == null ? null : links.getIfPresent(new Identity(tenantId, phone));
		CustomerId byUser = userId == null ? null : links.getIfPresent(new Identity(tenantId, userId));
		if ((phone == null || byPhone != null) && (userId == null || byUser != null)) {
			return byPhone != null ? byPhone : Objects.requireNonNull(byUser);
		}
		Optional<CustomerId> phoneLink = linked(tenantId, phone);
		Optional<CustomerId> userLink = linked(tenantId, userId);
		CustomerId customer = phoneLink.or(() -> userLink)
				.orElseGet(() -> phone != null ? CustomerId.phone(phone) : CustomerId.bsuid(Objects.requireNonNull(userId)));
		if (phone != null) {
			link(tenantId, phone, customer);
			links.put(new Identity(tenantId, phone), phoneLink.orElse(customer));
		}
		if (userId != null) {
			link(tenantId, userId, customer);
			links.put(new Identity(tenantId, userId), userLink.orElse(customer));
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
		links.invalidate(new Identity(tenantId, identity));
	}

	@Override
	@Transactional
	public Conversation customerWrote(String tenantId, String channelAccount, String defaultDestination,
			CustomerId customer, @Nullable String contactName, @Nullable Instant wroteAt) {
		Timestamp when = wroteAt == null ? null : Timestamp.from(wroteAt);
		Upserted upserted = jdbc.sql("""
				insert into conversations (tenant_id, channel_account, customer_id, customer_kind, destination,
				  contact_name, last_activity_at, last_inbound_at)
				values (:tenant, :account, :customer, :kind, :destination, :name, greatest(now(), cast(:at as timestamptz)),
				  cast(:at as timestamptz))
				on conflict (tenant_id, customer_id, channel_account) do update set
				  contact_name = coalesce(excluded.contact_name, conversations.contact_name),
				  last_activity_at = greatest(conversations.last_activity_at, excluded.last_activity_at),
				  last_inbound_at = greatest(conversations.last_inbound_at, excluded.last_inbound_at),
				  updated_at = now()
				returning *, (xmax = 0) as opened""")
				.param("tenant", tenantId).param("account", channelAccount).param("customer", customer.value())
				.param("kind", customer.kind().name()).param("destination", defaultDestination)
				.param("name", contactName).param("at", when, Types.TIMESTAMP)
				.query((rs, n) -> new Upserted(conversation(rs, n), rs.getBoolean("opened"))).single();
		if (upserted.opened()) {
			Conversation opened = upserted.conversation();
			events.publishEvent(new ConversationRouted(opened.id(), tenantId, channelAccount, customer,
					opened.destination()));
		}
		return upserted.conversation();
	}

	@Override
	public void assignDestinationConversation(ConversationId conversation, String destinationConversationId) {
		jdbc.sql("""
				update conversations set destination_conversation_id = ?, updated_at = now()
				where id = ? and destination_conversation_id is distinct from ?""")
				.params(destinationConversationId, conversation.value(), destinationConversationId)
				.update();
	}

	@Override
	@Transactional
	public boolean reassign(ConversationId conversation, String destination) {
		Optional<Conversation> before = jdbc.sql("select * from conversations where id = ? for update")
				.param(conversation.value()).query(JdbcConversations::conversation).optional();
		if (before.isEmpty()) {
			return false;
		}
		if (!before.get().destination().equals(destination)) {
			events.publishEvent(new ConversationReassigned(conversation, before.get().tenantId(),
					before.get().destination(), destination));
		}
		return jdbc.sql("""
				update conversations set destination = ?, destination_conversation_id = case when destination = ?
				  then destination_conversation_id end, updated_at = now() where id = ?""")
				.params(destination, destination, conversation.value()).update() == 1;
	}

	@Override
	public Optional<Conversation> find(ConversationId conversation) {
		return jdbc.sql("select * from conversations where id = ?").params(conversation.value())
				.query(JdbcConversations::conversation).optional();
	}

	@Override
	public Optional<Conversation> find(String tenantId, String channelAccount, String customerId) {
		return jdbc.sql("select * from conversations where tenant_id = ? and customer_id = ? and channel_account = ?")
				.params(tenantId, customerId, channelAccount).query(JdbcConversations::conversation).optional();
	}

	@Override
	public Optional<Conversation> findLatest(String tenantId, String customerId) {
		return jdbc.sql("select * from conversations where tenant_id = ? and customer_id = ? "
				+ "order by last_activity_at desc limit 1")
				.params(tenantId, customerId).query(JdbcConversations::conversation).optional();
	}

	@Override
	public Optional<Conversation> findByDestinationConversationId(String tenantId, String destination,
			String destinationConversationId) {
		return jdbc.sql("select * from conversations where tenant_id = ? and destination_conversation_id = ? "
				+ "and destination = ? order by last_activity_at desc limit 1")
				.params(tenantId, destinationConversationId, destination).query(JdbcConversations::conversation)
				.optional();
	}

	@Override
	public List<Conversation> list(String tenantId, int limit) {
		return jdbc.sql("select * from conversations where tenant_id = ? order by last_activity_at desc limit ?")
				.params(tenantId, limit).query(JdbcConversations::conversation).list();
	}

	private static Conversation conversation(ResultSet rs, int row) throws SQLException {
		return new Conversation(new ConversationId(rs.getObject("id", UUID.class)), rs.getString("tenant_id"),
				rs.getString("channel_account"),
				new CustomerId(rs.getString("customer_id"), CustomerId.Kind.valueOf(rs.getString("customer_kind"))),
				rs.getString("destination"), rs.getString("destination_conversation_id"), rs.getString("contact_name"),
				Conversation.State.valueOf(rs.getString("state")), instant(rs, "created_at"),
				instant(rs, "last_activity_at"), instant(rs, "last_inbound_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}
}

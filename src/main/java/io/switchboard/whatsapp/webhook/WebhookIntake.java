package io.switchboard.whatsapp.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.Secret;
import io.switchboard.platform.WorkChannels;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.Change;
import io.switchboard.whatsapp.InboundMessage;
import io.switchboard.whatsapp.MessageStatus;
import io.switchboard.whatsapp.WebhookNotification;
import io.switchboard.whatsapp.WhatsAppError;
import io.switchboard.whatsapp.WhatsAppMessageReceived;
import io.switchboard.whatsapp.WhatsAppStatusReceived;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a verified notification durable in one short transaction: the raw body, one row per message, status, error
 * and account event under its unique provider key, and the work for each new message and status. Items already
 * recorded are dropped, so Meta's redeliveries are harmless; items for numbers no tenant owns are counted and go
 * nowhere.
 */
@Component
class WebhookIntake {

	private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

	private final JdbcClient jdbc;
	private final Tenants tenants;
	private final WorkChannels work;
	private final MeterRegistry meters;

	WebhookIntake(JdbcClient jdbc, Tenants tenants, WorkChannels work, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.tenants = tenants;
		this.work = work;
		this.meters = meters;
	}

	enum Outcome {
		ACCEPTED, DUPLICATE, UNROUTED
	}

	/**
	 * Thrown when a change addresses a tenant whose app secret was not among those the body was verified with.
	 */
	static final class ForeignSignature extends RuntimeException {

		private final String phoneNumberId;

		ForeignSignature(String phoneNumberId) {
			super("signed for another tenant", null, false, false);
			this.phoneNumberId = phoneNumberId;
		}

		String phoneNumberId() {
			return phoneNumberId;
		}
	}

	@Transactional
	Outcome accept(byte[] body, WebhookNotification notification, Set<Secret> verified) {
		List<Item> items = new ArrayList<>();
		for (Change change : notification.changes()) {
			Optional<Tenant> addressed = tenantOf(change);
			if (addressed.isEmpty()) {
				int count = change.messages().size() + change.statuses().size() + change.errors().size();
				meters.counter("switchboard.whatsapp.webhook.items", "outcome", "unrouted").increment(Math.max(count, 1));
				log.warn("Webhook change '{}' for unknown phone_number_id {} (WABA {}) was acknowledged and dropped",
						change.field(), change.metadata() == null ? "-" : change.metadata().phoneNumberId(),
						change.wabaId());
				continue;
			}
			Tenant tenant = addressed.get();
			if (!verified.contains(tenant.whatsapp().appSecret())) {
				throw new ForeignSignature(tenant.whatsapp().phoneNumberId());
			}
			collect(tenant, change, items);
		}
		if (items.isEmpty()) {
			return Outcome.UNROUTED;
		}
		long payloadId = jdbc.sql("insert into whatsapp_webhook_payloads (body) values (?) returning id")
				.param(body).query(Long.class).single();
		int fresh = 0;
		for (Item item : items) {
			int inserted = jdbc.sql("""
					insert into whatsapp_inbound_events (tenant_id, provider_key, kind, wamid, payload_id)
					values (?, ?, ?, ?, ?) on conflict (tenant_id, provider_key) do nothing""")
					.params(item.tenantId(), item.providerKey(), item.kind(), item.wamid(), payloadId)
					.update();
			meters.counter("switchboard.whatsapp.webhook.items", "outcome", inserted == 1 ? "new" : "duplicate",
					"kind", item.kind()).increment();
			if (inserted == 1) {
				fresh++;
				if (item.channel() != null) {
					work.publish(item.channel(), Objects.requireNonNull(item.orderingKey()), item.work());
				}
			}
		}
		if (fresh == 0) {
			jdbc.sql("delete from whatsapp_webhook_payloads where id = ?").param(payloadId).update();
			return Outcome.DUPLICATE;
		}
		return Outcome.ACCEPTED;
	}

	private Optional<Tenant> tenantOf(Change change) {
		if (change.metadata() != null) {
			return tenants.byPhoneNumberId(change.metadata().phoneNumberId());
		}
		return tenants.byWabaId(change.wabaId());
	}

	private void collect(Tenant tenant, Change change, List<Item> items) {
		String tenantId = tenant.id();
		if (change.metadata() == null || !"messages".equals(change.field())) {
			log.info("Account event '{}' for tenant {} recorded for operations", change.field(), tenantId);
			items.add(new Item(tenantId, "event:" + change.field() + ":" + sha256(change.rawValue()), "event", null,
					null, null, null));
			return;
		}
		for (InboundMessage message : change.messages()) {
			String sender = message.from() != null ? message.from() : message.fromUserId();
			items.add(new Item(tenantId, message.id(), "message", message.id(),
					WorkChannels.INBOUND_WHATSAPP_MESSAGES, tenantId + "|" + sender,
					new WhatsAppMessageReceived(tenantId, change.metadata(), change.senderOf(message), message)));
		}
		for (MessageStatus status : change.statuses()) {
			items.add(new Item(tenantId, status.id() + ":" + status.status(), "status", status.id(),
					WorkChannels.WHATSAPP_STATUS_UPDATES, tenantId + "|" + status.id(),
					new WhatsAppStatusReceived(tenantId, change.metadata(), status)));
		}
		for (WhatsAppError error : change.errors()) {
			log.warn("WhatsApp reported error {} for tenant {}: {}", error.code(), tenantId, error.title());
			meters.counter("switchboard.whatsapp.platform.errors", "tenant", tenantId, "code",
					String.valueOf(error.code())).increment();
			items.add(new Item(tenantId, "error:" + sha256(change.rawValue()) + ":" + error.code(), "error", null,
					null, null, null));
		}
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
					.digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private record Item(String tenantId, String providerKey, String kind, @Nullable String wamid,
			@Nullable String channel, @Nullable String orderingKey, @Nullable Object work) {}
}

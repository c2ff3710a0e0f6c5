package io.switchboard.whatsapp.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.OrderingKeys;
import io.switchboard.platform.Secret;
import io.switchboard.work.WorkChannels;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.Change;
import io.switchboard.whatsapp.InboundMessage;
import io.switchboard.whatsapp.WhatsAppStatus;
import io.switchboard.whatsapp.WebhookNotification;
import io.switchboard.whatsapp.WhatsAppError;
import io.switchboard.whatsapp.WhatsAppMessageReceived;
import io.switchboard.whatsapp.WhatsAppStatusReceived;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
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
 * nowhere. An item Switchboard cannot take (a message without an id or a sender, a status without an id, status or
 * recipient, an id longer than {@link io.switchboard.platform.Identifiers#MAX_LENGTH}) is counted as
 * {@code skipped_invalid}, logged and skipped; when no item remains to be taken, the notification is refused
 * ({@link NothingValid}) and nothing is stored. A message's work is keyed by its customer once the identities it
 * carries are linked ({@link OrderingKeys}), so that a customer seen by phone and later only by BSUID stays in order;
 * a status is keyed by its recipient the same way, so that the statuses of a message sent in parts are taken one
 * after the other.
 */
@Component
class WebhookIntake {

	private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

	private final JdbcClient jdbc;
	private final Tenants tenants;
	private final WorkChannels work;
	private final MeterRegistry meters;
	private final Conversations conversations;

	WebhookIntake(JdbcClient jdbc, Tenants tenants, WorkChannels work, MeterRegistry meters,
			Conversations conversations) {
		this.jdbc = jdbc;
		this.conversations = conversations;
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

	/**
	 * Thrown when a notification has items but none Switchboard can take; nothing was stored.
	 */
	static final class NothingValid extends RuntimeException {

		NothingValid(Set<String> defects) {
			super("No item of the notification can be taken in: " + String.join("; ", defects) + ". Nothing was "
					+ "stored.", null, false, false);
		}
	}

	/**
	 * @throws ForeignSignature if a change addresses a tenant whose secret is not among {@code verified}.
	 * @throws NothingValid if the notification has items but none that can be taken in.
	 */
	@Transactional
	Outcome accept(byte[] body, WebhookNotification notification, Set<Secret> verified) {
		List<Item> items = new ArrayList<>();
		Set<String> defects = new LinkedHashSet<>();
		for (Change change : notification.changes()) {
			String defect = change.defect();
			if (defect != null) {
				skipped("-", change, defect, defects);
				continue;
			}
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
			collect(tenant, change, items, defects);
		}
		if (items.isEmpty()) {
			if (!defects.isEmpty()) {
				throw new NothingValid(defects);
			}
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

	private void collect(Tenant tenant, Change change, List<Item> items, Set<String> defects) {
		String tenantId = tenant.id();
		if (change.metadata() == null || !"messages".equals(change.field())) {
			log.info("Account event '{}' for tenant {} recorded for operations", change.field(), tenantId);
			items.add(new Item(tenantId, "event:" + change.field() + ":" + sha256(change.rawValue()), "event", null,
					null, null, null));
			return;
		}
		for (InboundMessage message : change.messages()) {
			String defect = message.defect();
			if (defect != null) {
				skipped(tenantId, "message", defect, defects);
				continue;
			}
			String orderingKey = OrderingKeys.of(tenantId,
					conversations.identify(tenantId, message.from(), message.fromUserId()));
			items.add(new Item(tenantId, message.id(), "message", message.id(),
					WorkChannels.INBOUND_WHATSAPP_MESSAGES, orderingKey,
					new WhatsAppMessageReceived(tenantId, change.metadata(), change.senderOf(message), message)));
		}
		for (WhatsAppStatus status : change.statuses()) {
			String defect = status.defect();
			if (defect != null) {
				skipped(tenantId, "status", defect, defects);
				continue;
			}
			items.add(new Item(tenantId, status.id() + ":" + status.status(), "status", status.id(),
					WorkChannels.WHATSAPP_STATUS_UPDATES, OrderingKeys.of(tenantId,
							conversations.identify(tenantId, status.recipientId(), status.recipientUserId())),
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

	/**
	 * Skips every item of a change that cannot be routed.
	 */
	private void skipped(String tenantId, Change change, String defect, Set<String> defects) {
		change.messages().forEach(message -> skipped(tenantId, "message", defect, defects));
		change.statuses().forEach(status -> skipped(tenantId, "status", defect, defects));
		change.errors().forEach(error -> skipped(tenantId, "error", defect, defects));
		if (change.messages().isEmpty() && change.statuses().isEmpty() && change.errors().isEmpty()) {
			skipped(tenantId, "event", defect, defects);
		}
	}

	private void skipped(String tenantId, String kind, String defect, Set<String> defects) {
		meters.counter("switchboard.whatsapp.webhook.items", "outcome", "skipped_invalid", "kind", kind).increment();
		log.warn("Webhook {} for tenant {} skipped: {}", kind, tenantId, defect);
		defects.add(defect);
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

package io.switchboard.sandbox.meta;

import io.switchboard.sandbox.SandboxScheduler;
import io.switchboard.sandbox.SandboxUrls;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the status webhooks Meta sends after an accepted send, signed with the number's app secret and written as Meta
 * writes JSON, to the application's {@code /webhook/whatsapp}: {@code sent} about {@value #SENT_AFTER_MS} ms after
 * the send and {@code delivered} about {@value #DELIVERED_AFTER_MS} ms after it (unless automatic statuses are off),
 * {@code read} when the customer reads the message (or {@value #READ_AFTER_MS} ms after {@code delivered} with
 * automatic read on). Automatic statuses keep WhatsApp's order: each one first sends those before it that are still
 * missing, never repeats one, and none follows {@code failed}. Statuses ordered through the control API are sent
 * as asked, in any order.
 */
@Component
class MetaStatusWebhooks {

	static final long SENT_AFTER_MS = 100;
	static final long DELIVERED_AFTER_MS = 300;
	static final long READ_AFTER_MS = 600;

	private static final Logger log = LoggerFactory.getLogger(MetaStatusWebhooks.class);
	private static final List<String> ORDER = List.of("sent", "delivered", "read");

	private final Tenants tenants;
	private final MetaOptions options;
	private final MetaStats stats;
	private final SandboxScheduler scheduler;
	private final URI webhook;
	private final Clock clock;
	private final HttpClient http;

	@Autowired
	MetaStatusWebhooks(Tenants tenants, MetaOptions options, MetaStats stats, SandboxScheduler scheduler,
			SandboxUrls urls) {
		this(tenants, options, stats, scheduler, urls.resolve("/webhook/whatsapp"), Clock.systemUTC());
	}

	MetaStatusWebhooks(Tenants tenants, MetaOptions options, MetaStats stats, SandboxScheduler scheduler, URI webhook,
			Clock clock) {
		this.tenants = tenants;
		this.options = options;
		this.stats = stats;
		this.scheduler = scheduler;
		this.webhook = webhook;
		this.clock = clock;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5)).build();
	}

	/**
	 * Schedules the automatic statuses of an accepted send.
	 */
	void accepted(MetaOutbox.Send send) {
		if (!options.autoStatuses()) {
			return;
		}
		scheduler.schedule(Duration.ofMillis(SENT_AFTER_MS), () -> advance(send, "sent"));
		scheduler.schedule(Duration.ofMillis(DELIVERED_AFTER_MS), () -> {
			if (advance(send, "delivered") && options.autoRead()) {
				scheduler.schedule(Duration.ofMillis(READ_AFTER_MS), () -> advance(send, "read"));
			}
		});
	}

	/**
	 * The customer read the message: sends {@code read} soon, preceded by {@code sent} and {@code delivered} if they
	 * are still missing and automatic statuses are on.
	 */
	void customerRead(MetaOutbox.Send send) {
		scheduler.schedule(Duration.ZERO, () -> {
			if (options.autoStatuses()) {
				advance(send, "read");
			}
			else {
				send.emitting.lock();
				try {
					if (!send.has("read") && !send.has("failed")) {
						emit(send, "read", null);
					}
				}
				finally {
					send.emitting.unlock();
				}
			}
		});
	}

	/**
	 * Sends a status now, whatever was sent before.
	 *
	 * @param errorCode the error of a {@code failed} status; 131026 if not given.
	 * @return the status as recorded, with how the application answered.
	 */
	MetaOutbox.Status now(MetaOutbox.Send send, String status, @Nullable Integer errorCode) {
		send.emitting.lock();
		try {
			return emit(send, status, status.equals("failed") ? (errorCode == null ? Integer.valueOf(131026)
					: errorCode) : null);
		}
		finally {
			send.emitting.unlock();
		}
	}

	/**
	 * Sends {@code status} unless it or {@code failed} was sent already, after the statuses before it that are still
	 * missing.
	 *
	 * @return whether the message has reached the status.
	 */
	private boolean advance(MetaOutbox.Send send, String status) {
		send.emitting.lock();
		try {
			if (send.has("failed")) {
				return false;
			}
			if (send.has(status)) {
				return true;
			}
			for (String earlier : ORDER.subList(0, ORDER.indexOf(status))) {
				if (!send.has(earlier)) {
					emit(send, earlier, null);
				}
			}
			emit(send, status, null);
			return true;
		}
		finally {
			send.emitting.unlock();
		}
	}

	private MetaOutbox.Status emit(MetaOutbox.Send send, String status, @Nullable Integer errorCode) {
		Instant timestamp = clock.instant();
		Tenant tenant = tenants.byId(send.tenantId).orElse(null);
		Integer answered = null;
		String error = null;
		if (tenant == null) {
			error = "the tenant " + send.tenantId + " no longer exists";
		}
		else {
			byte[] body = MetaJson.bytes(webhook(tenant, send, status, timestamp, errorCode));
			stats.statusWebhooks.incrementAndGet();
			MetaWebhookDelivery.Answer answer = MetaWebhookDelivery.post(http, webhook, body,
					tenant.whatsapp().appSecret());
			answered = answer.status();
			error = answer.error();
		}
		log.debug("Meta simulator sent status {} of {}: webhook answered {}", status, send.wamid,
				answered == null ? error : answered);
		MetaOutbox.Status recorded = new MetaOutbox.Status(status, timestamp, errorCode, answered, error);
		send.add(recorded);
		return recorded;
	}

	/**
	 * Builds the status webhook, fields in Meta's order (see the corpus's {@code 23-status-sent.json} and following).
	 */
	static ObjectNode webhook(Tenant tenant, MetaOutbox.Send send, String status, Instant timestamp,
			@Nullable Integer errorCode) {
		MetaWebhookDelivery.Notification notification = MetaWebhookDelivery.Notification.of(tenant,
				send.phoneNumberId);
		ObjectNode value = notification.value();
		ObjectNode item = value.putArray("statuses").addObject();
		item.put("id", send.wamid);
		item.put("status", status);
		item.put("timestamp", Long.toString(timestamp.getEpochSecond()));
		MetaGraphValidation.CheckedSend checked = send.checked;
		if (checked.waId() != null) {
			item.put("recipient_id", checked.waId());
		}
		else {
			item.put("recipient_user_id", checked.recipient());
		}
		if (checked.callbackData() != null) {
			item.put("biz_opaque_callback_data", checked.callbackData());
		}
		if (status.equals("sent") || status.equals("delivered")) {
			MetaOutbox.Conversation conversation = send.conversation;
			ObjectNode node = item.putObject("conversation");
			node.put("id", conversation.id());
			node.putObject("origin").put("type", conversation.origin());
			if (status.equals("sent")) {
				node.put("expiration_timestamp", Long.toString(conversation.expiresAt().getEpochSecond()));
			}
			ObjectNode pricing = item.putObject("pricing");
			boolean service = checked.freeForm();
			pricing.put("billable", !service);
			pricing.put("pricing_model", "PMP");
			pricing.put("type", service ? "free_customer_service" : "regular");
			pricing.put("category", service ? "service" : "utility");
		}
		if (status.equals("failed")) {
			int code = errorCode == null ? 131026 : errorCode;
			ObjectNode error = item.putArray("errors").addObject();
			error.put("code", code);
			error.put("title", MetaGraphError.title(code));
			error.put("message", MetaGraphError.title(code));
			error.putObject("error_data").put("details", MetaGraphError.details(code));
			error.put("href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
		}
		return notification.root();
	}
}

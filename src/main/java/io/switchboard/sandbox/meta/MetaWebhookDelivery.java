package io.switchboard.sandbox.meta;

import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;
import io.switchboard.tenant.ChannelAccount;
import io.switchboard.tenant.Tenant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts a webhook to the application the way Meta does: the exact bytes, signed with the app secret (hex HMAC in
 * {@code X-Hub-Signature-256}), Meta's user agent, a 10-second budget.
 */
final class MetaWebhookDelivery {

	private MetaWebhookDelivery() {}

	/**
	 * What became of a delivery: the application's HTTP status, or why it could not be reached.
	 */
	record Answer(@Nullable Integer status, @Nullable String error) {

		Object summary() {
			return status == null ? error : status;
		}
	}

	/**
	 * A notification as Meta frames it, fields in Meta's order: one entry for the tenant's WABA, one change of field
	 * {@code messages} whose {@code value} carries the number's metadata; callers add messages or statuses to it.
	 *
	 * @param root the whole notification.
	 * @param value the change's value.
	 */
	record Notification(ObjectNode root, ObjectNode value) {

		static Notification of(Tenant tenant) {
			return of(tenant, tenant.whatsapp().phoneNumberId());
		}

		/**
		 * A notification about one of the tenant's numbers, as Meta sends for each number of an account.
		 */
		static Notification of(Tenant tenant, String phoneNumberId) {
			String display = tenant.channelAccount(phoneNumberId).map(ChannelAccount::displayAddress)
				.orElse(null);
			ObjectNode root = JsonNodeFactory.instance.objectNode();
			root.put("object", "whatsapp_business_account");
			ObjectNode entry = root.putArray("entry").addObject();
			entry.put("id", tenant.whatsapp().wabaId() == null ? "" : tenant.whatsapp().wabaId());
			ObjectNode change = entry.putArray("changes").addObject();
			ObjectNode value = change.putObject("value");
			change.put("field", "messages");
			value.put("messaging_product", "whatsapp");
			ObjectNode metadata = value.putObject("metadata");
			metadata.put("display_phone_number", display == null ? phoneNumberId : display);
			metadata.put("phone_number_id", phoneNumberId);
			return new Notification(root, value);
		}
	}

	static Answer post(HttpClient http, URI webhook, byte[] body, Secret appSecret) {
		try {
			HttpResponse<Void> response = http.send(HttpRequest.newBuilder(webhook)
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/json")
					.header("X-Hub-Signature-256", WebhookSignatures.signHex(body, appSecret))
					.header("User-Agent", "facebookexternalua")
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build(), HttpResponse.BodyHandlers.discarding());
			return new Answer(response.statusCode(), null);
		}
		catch (IOException e) {
			return new Answer(null, "could not reach " + webhook + ": " + e.getClass().getSimpleName());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Answer(null, "interrupted while calling " + webhook);
		}
	}
}

package io.switchboard.fault;

import io.switchboard.GenesysWebhookPayloads;
import io.switchboard.MetaWebhooks;
import io.switchboard.harness.StandInTenant;
import io.switchboard.platform.WebhookSignatures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every message the test sends, in both directions, signed as its sender signs it: customer messages as Meta webhooks
 * (hex HMAC under the app secret), agent replies as Genesys webhooks (base64 HMAC under the integration's webhook
 * secret). Customers are numbered, and each message carries its customer's number and its place in that customer's
 * sequence in its id, so that the stand-ins need to keep nothing but the ids they saw and their order.
 */
final class Messages {

	/**
	 * One message, sent once or, until acknowledged, again and again with the same id.
	 *
	 * @param sequence its place among the messages of its customer and direction, from 1.
	 * @param phase the phase it was first sent in.
	 */
	record Message(Direction direction, String id, int customer, int sequence, String phase, long sentAt,
			byte[] body, String signature, AtomicInteger acknowledgements) {

		boolean acknowledged() {
			return acknowledgements.get() > 0;
		}
	}

	private final StandInTenant tenant;
	private final String runTag;
	private final Timeline timeline;
	private final AtomicLong outboundIds = new AtomicLong();
	private final Map<String, Message> byId = new ConcurrentHashMap<>();
	private final Map<String, AtomicInteger> sequences = new ConcurrentHashMap<>();

	/**
	 * @param runTag eight hex digits that make this run's ids unique.
	 */
	Messages(StandInTenant tenant, String runTag, Timeline timeline) {
		this.tenant = tenant;
		this.runTag = runTag;
		this.timeline = timeline;
	}

	static String phone(int customer) {
		return "4477008%05d".formatted(customer);
	}

	/**
	 * @return the next message of a customer, with a wamid of this run.
	 */
	Message inbound(int customer) {
		int sequence = next(Direction.INBOUND, customer);
		String wamid = "wamid.FAULT" + runTag + "C" + customer + "N" + sequence;
		byte[] body = MetaWebhooks.text(tenant.phoneNumberId(), phone(customer), "Customer " + customer, wamid,
				"Message " + sequence + " of customer " + customer, Instant.now());
		return register(new Message(Direction.INBOUND, wamid, customer, sequence, phase(), System.nanoTime(), body,
				WebhookSignatures.signHex(body, tenant.appSecret()), new AtomicInteger()));
	}

	/**
	 * @return the next agent reply to a customer; its Genesys message id (32 lowercase hex digits, as Genesys's) begins
	 *         with the customer's number, so that each customer's replies share one conversation id.
	 */
	Message outbound(int customer) {
		int sequence = next(Direction.OUTBOUND, customer);
		String id = "%012x%s%012x".formatted(customer, runTag, outboundIds.incrementAndGet());
		byte[] body = GenesysWebhookPayloads.text(tenant.integrationId(), id, phone(customer), "Phone",
				"Reply " + sequence + " to customer " + customer);
		return register(new Message(Direction.OUTBOUND, id, customer, sequence, phase(), System.nanoTime(), body,
				WebhookSignatures.signBase64(body, tenant.webhookSecret()), new AtomicInteger()));
	}

	Message byId(String id) {
		return byId.get(id);
	}

	List<Message> of(Direction direction) {
		List<Message> messages = new ArrayList<>();
		for (Message message : byId.values()) {
			if (message.direction() == direction) {
				messages.add(message);
			}
		}
		return messages;
	}

	private int next(Direction direction, int customer) {
		return sequences.computeIfAbsent(direction + "/" + customer, key -> new AtomicInteger()).incrementAndGet();
	}

	private String phase() {
		String phase = timeline.current();
		return phase == null ? "between phases" : phase;
	}

	private Message register(Message message) {
		byId.put(message.id(), message);
		return message;
	}
}

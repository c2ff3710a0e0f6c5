package io.switchboard.genesys;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A delivery receipt for an agent's message, as Genesys Cloud takes it on
 * {@code POST /api/v2/conversations/messages/{integrationId}/inbound/open/receipt}. Open Messaging accepts only
 * {@code Delivered} and {@code Failed}; there is no {@code Read}.
 *
 * @param id the Genesys message id of the agent's message.
 * @param channel the customer the message went to, and when its fate became known.
 * @param status {@code Delivered} or {@code Failed}.
 * @param reasons why it failed; only for {@code Failed}.
 * @param isFinalReceipt always {@literal true}: WhatsApp gives one final outcome per message.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OpenInboundReceipt(String id, Channel channel, Status status, @Nullable List<Reason> reasons,
		boolean isFinalReceipt) {

	public enum Status {
		Delivered, Failed
	}

	/**
	 * @param to the customer, with the id and idType used when the customer wrote in.
	 * @param time when WhatsApp reported the outcome.
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record Channel(To to, @Nullable Instant time) {}

	public record To(String id, OpenInboundMessage.IdType idType) {}

	/**
	 * @param code one of Genesys's reason codes ({@code MessageExpired}, {@code RateLimited},
	 *        {@code InvalidDestination}, {@code GeneralError}, ...).
	 * @param message a human-readable explanation, e.g. {@code WhatsApp error 131026: Message Undeliverable.}.
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record Reason(String code, @Nullable String message) {}

	public static OpenInboundReceipt delivered(String genesysMessageId, To to, @Nullable Instant time) {
		return new OpenInboundReceipt(genesysMessageId, new Channel(to, time), Status.Delivered, null, true);
	}

	public static OpenInboundReceipt failed(String genesysMessageId, To to, @Nullable Instant time, Reason reason) {
		return new OpenInboundReceipt(genesysMessageId, new Channel(to, time), Status.Failed, List.of(reason), true);
	}
}

package io.switchboard.relay.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.BusinessMessage.Content.Attachment;
import io.switchboard.conversation.CustomerChannel.MediaLimit;
import io.switchboard.conversation.HostedMedia;
import io.switchboard.conversation.LedgerEntry.MediaRecord;
import io.switchboard.media.AttachmentFetcher;
import io.switchboard.media.AttachmentRefused;
import io.switchboard.media.MediaLinks;
import io.switchboard.media.StoredMedia;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.CustomerChannel;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.DeliveryRefused;
import io.switchboard.conversation.FailureReason;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.conversation.SendPolicies;
import io.switchboard.conversation.SendPolicy.Refusal;
import io.switchboard.work.AcceptanceRecorder;
import io.switchboard.relay.Routes;
import io.switchboard.tenant.Tenant;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sends a recorded business message to the customer on the tenant's channel, whoever asked for it (an agent in
 * Genesys, a back-office system through the API): the {@link SendPolicies} are checked here, once, against the
 * channel's capabilities; the channel's refusals arrive classified; throughput trouble asks for a later attempt.
 * An attachment is fetched first, at once, into the media store ({@link AttachmentFetcher}: public hosts only, unless
 * the tenant is a sandbox tenant; at most the channel's limit for its kind; its type detected from its bytes), and
 * handed to the channel as Switchboard's copy. Failures go to the caller's {@link Failure}, which records them where
 * its requester looks.
 */
@Component
class CustomerDelivery {

	private final MessageLedger ledger;
	private final Routes routes;
	private final SendPolicies policies;
	private final MeterRegistry meters;
	private final AcceptanceRecorder recorder;
	private final AttachmentFetcher attachments;
	private final MediaLinks links;

	CustomerDelivery(MessageLedger ledger, Routes routes, SendPolicies policies, MeterRegistry meters,
			AcceptanceRecorder recorder, AttachmentFetcher attachments, MediaLinks links) {
		this.attachments = attachments;
		this.links = links;
		this.ledger = ledger;
		this.routes = routes;
		this.policies = policies;
		this.meters = meters;
		this.recorder = recorder;
	}

	/**
	 * What to do when a message cannot be delivered.
	 */
	@FunctionalInterface
	interface Failure {

		/**
		 * @param reason why, in neutral terms; the requester's edge translates it.
		 * @param detail a sentence for the ledger.
		 */
		void failed(FailureReason reason, String detail);
	}

	/**
	 * @return why a free-form message may not be sent to this customer now, or empty if it may.
	 */
	Optional<Refusal> refusal(Tenant tenant, Optional<Conversation> conversation, String customerId) {
		return policies.check(customerId, conversation, routes.channelFor(tenant, conversation).capabilities());
	}

	/**
	 * Sends the parts of a message not yet accepted (all of them but on a retry after a partial send), recording each
	 * acceptance before the next part, and records the channel's id of the first.
	 *
	 * @return the channel's message id, or {@literal null} when the message was not sent (the failure was reported).
	 * @throws io.switchboard.work.RetryLater when the channel's throughput or transient trouble outlasted its own
	 *         retries.
	 */
	@Nullable
	String deliver(Tenant tenant, LedgerEntry entry, CustomerId customer, Optional<Conversation> conversation,
			BusinessMessage message, Instant requestedAt, Failure failure) {
		Optional<Refusal> refusal = refusal(tenant, conversation, customer.value());
		if (refusal.isPresent()) {
			failure.failed(refusal.get().reason(), refusal.get().detail());
			return null;
		}
		CustomerChannel channel = routes.channelFor(tenant, conversation);
		String account = conversation.map(Conversation::channelAccount).orElse(tenant.mainAccount().address());
		String request = entry.genesysMessageId() != null ? entry.genesysMessageId() : "ledger entry " + entry.id();
		try {
			message = fetched(tenant, entry, channel, message);
			CustomerChannel.Progress sent = new CustomerChannel.Progress(entry.partsSent(),
					entry.partsSent() > 0 ? entry.whatsappMessageId() : null);
			String id = channel.send(tenant, account, customer, message, sent,
					progress -> recorder.record(channel.name() + " accepted part " + progress.partsSent() + " of "
							+ request, () -> ledger.markPartsSent(entry.id(), progress.partsSent(),
									progress.firstMessageId())));
			recorder.record(channel.name() + " accepted " + id, () -> ledger.markSent(entry.id(), id));
			meters.counter("switchboard.relay.messages", "direction", "outbound", "outcome", "relayed").increment();
			meters.timer("switchboard.relay.latency", "direction", "outbound")
				.record(Duration.between(requestedAt, Instant.now()));
			return id;
		}
		catch (DeliveryRefused refused) {
			failure.failed(refused.reason(), refused.detail());
			return null;
		}
	}

	/**
	 * @return the message, its attachment (if it has one) fetched and kept, and noted in the ledger.
	 * @throws DeliveryRefused when the attachment cannot be fetched or the channel does not take its kind.
	 */
	private BusinessMessage fetched(Tenant tenant, LedgerEntry entry, CustomerChannel channel,
			BusinessMessage message) {
		if (!(message.content() instanceof Attachment attachment) || attachment.hosted() != null) {
			return message;
		}
		MediaLimit limit = channel.capabilities().media(attachment.kind()).orElseThrow(() -> new DeliveryRefused(
				FailureReason.UNSUPPORTED_CONTENT, channel.name() + " does not take a "
						+ attachment.kind().name().toLowerCase(Locale.ROOT) + " from a business"));
		StoredMedia stored;
		try {
			stored = attachments.fetch(tenant.id(), URI.create(attachment.url()), limit.maxBytes(), tenant.sandbox());
		}
		catch (AttachmentRefused refused) {
			throw new DeliveryRefused(refused.why() == AttachmentRefused.Why.TOO_LARGE ? FailureReason.INVALID_CONTENT
					: FailureReason.UNSUPPORTED_CONTENT, refused.getMessage());
		}
		catch (IllegalArgumentException badUrl) {
			throw new DeliveryRefused(FailureReason.INVALID_CONTENT, "The attachment's URL is not a valid URL");
		}
		HostedMedia copy = new HostedMedia(stored.key().path(), links.to(stored.key()),
				stored.contentType(), stored.size(), stored.sha256(),
				attachment.filename() != null ? attachment.filename() : stored.filename());
		ledger.recordMedia(entry.id(), new MediaRecord(attachment.kind().name().toLowerCase(Locale.ROOT),
				copy.storeKey(), copy.size(), copy.sha256()));
		return new BusinessMessage(attachment.hostedAs(copy), message.correlationId());
	}
}

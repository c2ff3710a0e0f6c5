package io.switchboard.conversation;

import io.switchboard.tenant.Tenant;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A way customers write to a business and the business answers them: the WhatsApp Cloud API is the first; Twilio,
 * 360dialog or a linked device would be others. The core declares what it needs from a channel here, and each
 * adapter module implements it: render a {@link BusinessMessage} within the channel's limits and send it, show that
 * someone is answering, and say what the channel allows ({@link Capabilities}).
 * <p>
 * A channel answers a send with the channel's message id, refuses for good with {@link DeliveryRefused} (its
 * platform's errors mapped to a {@link FailureReason}), or asks for a later attempt with
 * {@link io.switchboard.work.RetryLater}.
 */
public interface CustomerChannel {

	/**
	 * @return the channel's name, e.g. {@code whatsapp}; stable across releases.
	 */
	String name();

	/**
	 * @return the rules the channel imposes, for the core's send policies.
	 */
	Capabilities capabilities();

	/**
	 * Sends a message to a customer. A message the channel renders in several parts (a text longer than the channel
	 * takes, cards without a richer form) is sent part by part; after each accepted part but the last,
	 * {@code progress} is told, so that a retry after a failure sends only the rest.
	 *
	 * @param tenant whose number sends it.
	 * @param channelAccount the tenant's number that sends it: the one of the customer's conversation.
	 * @param customer the recipient.
	 * @param message what to send.
	 * @param sent how the message stands: parts already accepted and the channel id of the first, from an earlier
	 *        attempt; {@link Progress#NONE} for a first attempt.
	 * @param progress told after each accepted part but the last.
	 * @return the channel's id of the message (its first part).
	 * @throws DeliveryRefused when the channel refuses it for good.
	 * @throws io.switchboard.work.RetryLater when the channel cannot take it now.
	 */
	String send(Tenant tenant, String channelAccount, CustomerId customer, BusinessMessage message, Progress sent,
			PartsAccepted progress);

	/**
	 * Shows the customer that someone is answering, where the channel can (WhatsApp marks the customer's latest
	 * message read with a typing indicator).
	 *
	 * @param latestCustomerMessageId the channel's id of the customer's latest message.
	 * @return why it could not be shown, if it could not; never thrown, since nothing is lost.
	 */
	Optional<String> showTyping(Tenant tenant, String channelAccount, String latestCustomerMessageId);

	/**
	 * Opens a file a customer sent, from the channel, for Switchboard to keep a copy of. Not paced like sends.
	 *
	 * @param channelAccount the tenant's number the customer wrote to.
	 * @return the file's bytes with what the channel says about them; the caller closes it.
	 * @throws DeliveryRefused when the channel will not give the file (e.g. it expired there).
	 * @throws io.switchboard.work.RetryLater when the channel cannot give it now.
	 */
	ChannelMedia openMedia(Tenant tenant, String channelAccount, CustomerMessage.MediaReference reference);

	/**
	 * A customer's file as the channel gives it.
	 *
	 * @param content its bytes, streamed; closed with this.
	 * @param mimeType its type as the channel declares it.
	 * @param size its length as the channel declares it, if it does.
	 * @param sha256 its lower-case hex SHA-256 as the channel declares it, if it does.
	 */
	record ChannelMedia(InputStream content, @Nullable String mimeType, @Nullable Long size, @Nullable String sha256)
			implements AutoCloseable {

		@Override
		public void close() throws IOException {
			content.close();
		}
	}

	/**
	 * What a channel allows.
	 *
	 * @param serviceWindow how long after the customer's last message the business may write freely, if the channel
	 *        has such a window; {@literal null} for channels without one.
	 * @param media the files the channel takes from the business, per kind; a kind absent is not taken.
	 */
	record Capabilities(@Nullable Duration serviceWindow, Map<CustomerMessage.MediaKind, MediaLimit> media) {

		public Capabilities(@Nullable Duration serviceWindow) {
			this(serviceWindow, Map.of());
		}

		/**
		 * @return the limit for a kind of file, if the channel takes it.
		 */
		public Optional<MediaLimit> media(CustomerMessage.MediaKind kind) {
			return Optional.ofNullable(media.get(kind));
		}
	}

	/**
	 * The files of one kind a channel takes.
	 *
	 * @param maxBytes the largest it takes.
	 * @param contentTypes the media types it takes.
	 */
	record MediaLimit(long maxBytes, Set<String> contentTypes) {}

	/**
	 * How a send stands after earlier attempts.
	 *
	 * @param partsSent parts the channel accepted.
	 * @param firstMessageId the channel's id of the first part, once accepted.
	 */
	record Progress(int partsSent, @Nullable String firstMessageId) {

		/** Nothing sent yet. */
		public static final Progress NONE = new Progress(0, null);
	}

	/**
	 * Told after each accepted part of a message but the last.
	 */
	@FunctionalInterface
	interface PartsAccepted {

		/**
		 * @param progress the parts accepted so far and the id of the first.
		 */
		void accepted(Progress progress);
	}
}

package io.switchboard.whatsapp;

import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.BusinessMessage.Content.Attachment;
import io.switchboard.conversation.CustomerChannel;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.CustomerMessage.MediaReference;
import io.switchboard.conversation.DeliveryRefused;
import io.switchboard.conversation.FailureReason;
import io.switchboard.conversation.HostedMedia;
import io.switchboard.media.MediaKey;
import io.switchboard.media.MediaStore;
import io.switchboard.work.RetryLater;
import io.switchboard.tenant.ChannelAccount;
import io.switchboard.tenant.Tenant;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The WhatsApp Cloud API as a customer channel: business messages are rendered by {@link BusinessMessageMapping} and
 * sent through the tenant's number by {@link WhatsAppSender}; WhatsApp's refusals become {@link DeliveryRefused} with
 * a {@link FailureReason} chosen by the Graph error code ({@link WhatsAppFailures}), its throughput and transient trouble
 * a {@link RetryLater}.
 */
@Component
class WhatsAppChannel implements CustomerChannel {

	/** The channel's name in routes and the ledger. */
	static final String NAME = "whatsapp";

	private final WhatsAppSender sender;
	private final MediaStore media;
	private final Capabilities capabilities;

	WhatsAppChannel(WhatsAppSender sender, MediaStore media, WhatsAppChannelSettings settings) {
		this.sender = sender;
		this.media = media;
		this.capabilities = new Capabilities(settings.serviceWindow(), WhatsAppMedia.LIMITS);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Capabilities capabilities() {
		return capabilities;
	}

	@Override
	public String send(Tenant tenant, String channelAccount, CustomerId customer, BusinessMessage message,
			Progress sent, PartsAccepted progress) {
		Tenant from = sendingFrom(tenant, channelAccount);
		Recipient recipient = customer.kind() == CustomerId.Kind.BSUID ? Recipient.bsuid(customer.value())
				: Recipient.phone(customer.value());
		try {
			List<OutboundMessage> parts = message.content() instanceof Attachment attachment
					? List.of(BusinessMessageMapping.media(message, recipient, upload(from, attachment)))
					: BusinessMessageMapping.toCloudApi(message, recipient);
			String first = sent.partsSent() > 0 ? sent.firstMessageId() : null;
			for (int part = sent.partsSent(); part < parts.size(); part++) {
				WhatsAppSendAccepted accepted = sender.send(from, parts.get(part));
				first = first == null ? accepted.wamid() : first;
				if (part + 1 < parts.size()) {
					progress.accepted(new Progress(part + 1, first));
				}
			}
			return first;
		}
		catch (WhatsAppSendFailed failed) {
			if (failed.kind() == WhatsAppSendFailed.Kind.RETRY_LATER) {
				throw new RetryLater(failed.reason(), failed.retryAfter());
			}
			throw new DeliveryRefused(WhatsAppFailures.reason(failed.code()), failed.reason());
		}
	}

	/**
	 * Uploads a business's attachment, already fetched and stored, once WhatsApp's limits for its kind allow it.
	 *
	 * @return the media id to send it by.
	 */
	private String upload(Tenant from, Attachment attachment) {
		HostedMedia hosted = attachment.hosted();
		if (hosted == null) {
			throw new DeliveryRefused(FailureReason.UNSUPPORTED_CONTENT,
					"The attachment was not fetched before it was handed to WhatsApp");
		}
		WhatsAppMedia.refusal(attachment.kind(), hosted.contentType(), hosted.size()).ifPresent(why -> {
			throw new DeliveryRefused(FailureReason.UNSUPPORTED_CONTENT, why);
		});
		MediaKey key = MediaKey.parse(hosted.storeKey());
		return sender.upload(from, new MediaUpload(() -> media.open(key), hosted.contentType(),
				hosted.filename() != null ? hosted.filename() : attachment.filename()));
	}

	@Override
	public ChannelMedia openMedia(Tenant tenant, String channelAccount, MediaReference reference) {
		Tenant at = sendingFrom(tenant, channelAccount);
		try {
			MediaInfo info = sender.mediaInfo(at, reference.channelMediaId());
			InputStream content;
			try {
				content = sender.download(at, info);
			}
			catch (MediaUrlExpired expired) {
				info = sender.mediaInfo(at, reference.channelMediaId());
				try {
					content = sender.download(at, info);
				}
				catch (MediaUrlExpired again) {
					throw new DeliveryRefused(FailureReason.OTHER,
							"WhatsApp's download URL for media " + reference.channelMediaId() + " expired twice");
				}
			}
			String declared = WhatsAppMedia.hexSha256(reference.sha256());
			String resolved = WhatsAppMedia.hexSha256(info.sha256());
			if (declared != null && resolved != null && !declared.equals(resolved)) {
				content.close();
				throw new DeliveryRefused(FailureReason.OTHER, "WhatsApp declared two different checksums for media "
						+ reference.channelMediaId());
			}
			return new ChannelMedia(content, info.mimeType() != null ? info.mimeType() : reference.mimeType(),
					info.size(), declared != null ? declared : resolved);
		}
		catch (WhatsAppSendFailed failed) {
			if (failed.kind() == WhatsAppSendFailed.Kind.RETRY_LATER) {
				throw new RetryLater(failed.reason(), failed.retryAfter());
			}
			throw new DeliveryRefused(WhatsAppFailures.reason(failed.code()), failed.reason());
		}
		catch (IOException closing) {
			throw new RetryLater("the media download could not be closed", null);
		}
	}

	@Override
	public Optional<String> showTyping(Tenant tenant, String channelAccount, String latestCustomerMessageId) {
		try {
			sender.markRead(sendingFrom(tenant, channelAccount), latestCustomerMessageId, true);
			return Optional.empty();
		}
		catch (WhatsAppSendFailed failed) {
			return Optional.of(failed.reason());
		}
	}

	/**
	 * @return the tenant as seen from one of its numbers: the Cloud API is called on that number, with the account's
	 *         token, and paced for that number.
	 */
	private static Tenant sendingFrom(Tenant tenant, String channelAccount) {
		if (channelAccount.equals(tenant.whatsapp().phoneNumberId())) {
			return tenant;
		}
		ChannelAccount account = tenant.channelAccount(channelAccount).orElseThrow(() -> new IllegalStateException(
				"Tenant " + tenant.id() + " has no number " + channelAccount));
		return new Tenant(tenant.id(), tenant.name(), tenant.sandbox(),
				tenant.whatsapp().withNumber(account.address(), account.displayAddress()), tenant.genesys(),
				tenant.channelAccounts());
	}
}

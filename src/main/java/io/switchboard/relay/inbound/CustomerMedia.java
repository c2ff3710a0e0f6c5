package io.switchboard.relay.inbound;

import io.switchboard.conversation.CustomerChannel;
import io.switchboard.conversation.CustomerChannel.ChannelMedia;
import io.switchboard.conversation.CustomerMessage.Content.Media;
import io.switchboard.conversation.DeliveryRefused;
import io.switchboard.conversation.HostedMedia;
import io.switchboard.conversation.LedgerEntry.MediaRecord;
import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaKey;
import io.switchboard.media.MediaLinks;
import io.switchboard.media.MediaStore;
import io.switchboard.media.MediaTooLarge;
import io.switchboard.media.StoredMedia;
import io.switchboard.tenant.Tenant;
import io.switchboard.work.RetryLater;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps a copy of a customer's file in the media store ({@link MediaBucket#MEDIA_INBOUND}), so that the destination
 * can fetch it without the channel's credentials and after the channel's URL expired: streamed from the channel into
 * the store, its size and SHA-256 checked against what the channel declared. A download the channel cannot give now
 * is attempted {@link CustomerMediaSettings#downloadAttempts()} times, then given up, as is one the channel refuses, a
 * file above {@link CustomerMediaSettings#maxSize()} and a checksum that does not match: the caller tells the agent. A
 * file kept on an earlier attempt of the same message (its delivery then failed for now) is not downloaded again.
 */
@Component
class CustomerMedia {

	private static final Logger log = LoggerFactory.getLogger(CustomerMedia.class);

	private final MediaStore store;
	private final MediaLinks links;
	private final CustomerMediaSettings settings;

	CustomerMedia(MediaStore store, MediaLinks links, CustomerMediaSettings settings) {
		this.store = store;
		this.links = links;
		this.settings = settings;
	}

	/**
	 * A customer's file could not be kept; why, in a sentence for the agent.
	 */
	static final class NotKept extends RuntimeException {

		NotKept(String why) {
			super(why, null, false, false);
		}
	}

	/**
	 * @param account the tenant's number the customer wrote to.
	 * @return Switchboard's copy.
	 * @throws NotKept when it could not be kept.
	 */
	HostedMedia keep(Tenant tenant, String account, CustomerChannel channel, Media media,
			@Nullable MediaRecord kept) {
		if (kept != null) {
			Optional<StoredMedia> stored = store.find(MediaKey.parse(kept.storeKey()));
			if (stored.isPresent()) {
				return hosted(stored.get());
			}
		}
		String failure = "no attempt was made";
		Duration delay = settings.retryDelay();
		for (int attempt = 1; attempt <= Math.max(1, settings.downloadAttempts()); attempt++) {
			if (attempt > 1) {
				pause(delay);
				delay = delay.multipliedBy(2);
			}
			try (ChannelMedia file = channel.openMedia(tenant, account, media.reference())) {
				String type = file.mimeType() != null ? file.mimeType() : "application/octet-stream";
				StoredMedia stored = store.put(MediaBucket.MEDIA_INBOUND, tenant.id(), file.content(), type,
						media.filename(), settings.maxSize().toBytes());
				if (file.size() != null && file.size() != stored.size()) {
					throw new NotKept("the file has " + stored.size() + " bytes where " + channel.name() + " declared "
							+ file.size());
				}
				if (file.sha256() != null && !file.sha256().equals(stored.sha256())) {
					throw new NotKept("the file's checksum does not match the one " + channel.name() + " declared");
				}
				return hosted(stored);
			}
			catch (RetryLater unavailable) {
				failure = unavailable.getMessage();
				log.info("Attempt {} to download media {} failed: {}", attempt, media.reference().channelMediaId(),
						failure);
			}
			catch (UncheckedIOException | IOException broken) {
				failure = "the download broke off";
				log.info("Attempt {} to download media {} broke off: {}", attempt, media.reference().channelMediaId(),
						broken.toString());
			}
			catch (DeliveryRefused refused) {
				throw new NotKept(refused.detail());
			}
			catch (MediaTooLarge tooLarge) {
				throw new NotKept("the file has more than " + tooLarge.limit() + " bytes");
			}
		}
		throw new NotKept(channel.name() + " did not give the file after " + settings.downloadAttempts()
				+ " attempts (" + failure + ")");
	}

	private HostedMedia hosted(StoredMedia stored) {
		return new HostedMedia(stored.key().path(), links.to(stored.key()), stored.contentType(), stored.size(),
				stored.sha256(), stored.filename());
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new RetryLater("interrupted while waiting to download media again", null);
		}
	}
}

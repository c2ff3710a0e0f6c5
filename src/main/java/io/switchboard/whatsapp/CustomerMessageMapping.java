package io.switchboard.whatsapp;

import io.switchboard.conversation.CustomerMessage;
import io.switchboard.conversation.CustomerMessage.ContactCard;
import io.switchboard.conversation.CustomerMessage.ContactEmail;
import io.switchboard.conversation.CustomerMessage.ContactPhone;
import io.switchboard.conversation.CustomerMessage.Content;
import io.switchboard.conversation.CustomerMessage.MediaKind;
import io.switchboard.conversation.CustomerMessage.MediaReference;
import io.switchboard.conversation.CustomerMessage.NoticeKind;
import io.switchboard.conversation.CustomerMessage.OrderItem;
import io.switchboard.conversation.CustomerMessage.ReplyKind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Maps a customer's WhatsApp message to Switchboard's neutral {@link CustomerMessage}. WhatsApp's ids that help an
 * agent (the business number, the customer's BSUID, the ad click, the message replied to) become the message's
 * channel attributes, under the names the conformance corpus gives them ({@code waPhoneNumberId}, ...). Pure
 * functions.
 */
public final class CustomerMessageMapping {

	/** The channel's name as people read it. */
	public static final String CHANNEL = "WhatsApp";

	private CustomerMessageMapping() {}

	/**
	 * @param received must not be {@literal null}.
	 * @return the neutral message.
	 */
	public static CustomerMessage toCustomerMessage(WhatsAppMessageReceived received) {
		Objects.requireNonNull(received, "received message must not be null");
		InboundMessage message = received.message();
		MessageContext context = message.context();
		Referral referral = message.referral();
		return new CustomerMessage(CHANNEL, message.id(), senderName(received.sender()), message.timestamp(),
				content(message.content()),
				context == null ? null
						: new CustomerMessage.Context(context.id(), context.forwarded() || context.frequentlyForwarded()),
				referral == null ? null
						: new CustomerMessage.Referral(referral.sourceType(), referral.sourceId(), referral.sourceUrl(),
								referral.headline(), referral.ctwaClid()),
				attributes(received.metadata(), message));
	}

	/**
	 * @param content must not be {@literal null}.
	 * @return what the content says, in neutral terms.
	 */
	public static Content content(MessageContent content) {
		Objects.requireNonNull(content, "content must not be null");
		return switch (content) {
			case MessageContent.Text text -> new Content.Text(text.body());
			case MessageContent.Media media -> new Content.Media(mediaKind(media.kind()),
					new MediaReference(media.mediaId(), media.mimeType(), media.sha256(), media.url()), media.caption(),
					media.filename(), media.voice(), media.animated());
			case MessageContent.Location location -> new Content.Location(location.latitude(), location.longitude(),
					location.name(), location.address());
			case MessageContent.SharedContacts contacts -> new Content.Contacts(contacts.cards().stream()
				.map(card -> new ContactCard(card.formattedName(), card.firstName(), card.lastName(),
						card.phones().stream().map(phone -> new ContactPhone(phone.phone(), phone.type())).toList(),
						card.emails().stream().map(email -> new ContactEmail(email.email(), email.type())).toList(),
						card.organization()))
				.toList());
			case MessageContent.InteractiveReply reply -> new Content.Reply(replyKind(reply.replyType()), reply.id(),
					reply.title(), reply.description(), reply.responseJson());
			case MessageContent.TemplateButtonReply button -> new Content.Reply(ReplyKind.TEMPLATE_BUTTON,
					button.payload(), button.text(), null, null);
			case MessageContent.Reaction reaction -> new Content.Reaction(reaction.messageId(), reaction.emoji());
			case MessageContent.Order order -> new Content.Order(order.catalogId(), order.text(),
					order.items().stream()
						.map(item -> new OrderItem(item.productRetailerId(), item.quantity(), item.itemPrice(),
								item.currency()))
						.toList());
			case MessageContent.SystemNotice notice -> new Content.Notice(noticeKind(notice.systemType()),
					notice.body(), notice.newWaId());
			case MessageContent.Revoke revoke -> new Content.Deleted(revoke.originalMessageId());
			case MessageContent.Edit edit -> {
				MessageContent edited = WhatsAppWebhooks.editedContent(edit);
				yield new Content.Edited(edit.originalMessageId(), edited == null ? null : content(edited));
			}
			case MessageContent.RequestWelcome welcome -> new Content.ChatOpened();
			case MessageContent.Unsupported unsupported -> new Content.Unsupported(unsupportedType(unsupported),
					unsupported.rawJson());
		};
	}

	private static MediaKind mediaKind(String kind) {
		return switch (kind) {
			case MessageContent.Media.IMAGE -> MediaKind.IMAGE;
			case MessageContent.Media.VIDEO -> MediaKind.VIDEO;
			case MessageContent.Media.AUDIO -> MediaKind.AUDIO;
			case MessageContent.Media.STICKER -> MediaKind.STICKER;
			default -> MediaKind.DOCUMENT;
		};
	}

	private static ReplyKind replyKind(String replyType) {
		return switch (replyType) {
			case MessageContent.InteractiveReply.BUTTON_REPLY -> ReplyKind.BUTTON;
			case MessageContent.InteractiveReply.LIST_REPLY -> ReplyKind.LIST_ROW;
			case MessageContent.InteractiveReply.FLOW_REPLY -> ReplyKind.FORM;
			case MessageContent.InteractiveReply.CALL_PERMISSION_REPLY -> ReplyKind.CALL_PERMISSION;
			default -> ReplyKind.OTHER;
		};
	}

	private static NoticeKind noticeKind(@Nullable String systemType) {
		if (MessageContent.SystemNotice.USER_CHANGED_NUMBER.equals(systemType)) {
			return NoticeKind.NUMBER_CHANGED;
		}
		return "customer_identity_changed".equals(systemType) ? NoticeKind.IDENTITY_CHANGED : NoticeKind.OTHER;
	}

	private static @Nullable String unsupportedType(MessageContent.Unsupported unsupported) {
		if (hasText(unsupported.unsupportedType())) {
			return unsupported.unsupportedType();
		}
		return switch (unsupported.type()) {
			case "", "unsupported", "unknown" -> null;
			default -> unsupported.type();
		};
	}

	private static @Nullable String senderName(@Nullable SenderProfile sender) {
		if (sender == null) {
			return null;
		}
		return hasText(sender.name()) ? sender.name() : hasText(sender.username()) ? sender.username() : null;
	}

	private static Map<String, String> attributes(Metadata metadata, InboundMessage message) {
		Map<String, String> attributes = new LinkedHashMap<>();
		put(attributes, "waPhoneNumberId", metadata.phoneNumberId());
		put(attributes, "waDisplayPhoneNumber", metadata.displayPhoneNumber());
		put(attributes, "waUserId", message.fromUserId());
		Referral referral = message.referral();
		if (referral != null) {
			put(attributes, "waReferralSourceType", referral.sourceType());
			put(attributes, "waReferralSourceId", referral.sourceId());
			put(attributes, "waCtwaClid", referral.ctwaClid());
		}
		MessageContext context = message.context();
		if (context != null) {
			put(attributes, "waContextId", context.id());
			if (context.forwarded() || context.frequentlyForwarded()) {
				put(attributes, "waForwarded", "true");
			}
		}
		return attributes;
	}

	private static void put(Map<String, String> attributes, String key, @Nullable String value) {
		if (hasText(value)) {
			attributes.put(key, value);
		}
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}
}

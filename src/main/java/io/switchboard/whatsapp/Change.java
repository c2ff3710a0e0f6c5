package io.switchboard.whatsapp;

import io.switchboard.platform.Identifiers;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One {@code entry[].changes[]} item.
 *
 * @param wabaId the WhatsApp Business account id ({@code entry[].id}); empty when absent.
 * @param field what changed: {@code messages}, {@code message_template_status_update}, ...; empty when absent.
 * @param metadata the business phone number the change is about; {@literal null} for fields that carry none (template
 * updates), which are routed by {@link #wabaId()} instead.
 * @param contacts the senders' profiles ({@code value.contacts[]}).
 * @param messages the customers' messages ({@code value.messages[]}).
 * @param statuses delivery updates of messages Switchboard sent ({@code value.statuses[]}).
 * @param errors out-of-band errors not tied to one message ({@code value.errors[]}).
 * @param rawValue the change's {@code value} as compact JSON, for fields Switchboard does not model.
 */
public record Change(String wabaId, String field, @Nullable Metadata metadata, List<SenderProfile> contacts,
		List<InboundMessage> messages, List<WhatsAppStatus> statuses, List<WhatsAppError> errors, String rawValue) {

	public static final String MESSAGES = "messages";

	public Change {
		Objects.requireNonNull(wabaId, "waba id must not be null");
		Objects.requireNonNull(field, "field must not be null");
		contacts = List.copyOf(contacts);
		messages = List.copyOf(messages);
		statuses = List.copyOf(statuses);
		errors = List.copyOf(errors);
		Objects.requireNonNull(rawValue, "raw value must not be null");
	}

	/**
	 * @return what keeps the change from being routed, naming the field: the id it is routed by
	 *         ({@code metadata.phone_number_id}, else the entry's WABA id) longer than {@link Identifiers#MAX_LENGTH};
	 *         {@literal null} if nothing.
	 */
	public @Nullable String defect() {
		return metadata != null ? Identifiers.tooLong(metadata.phoneNumberId(), "metadata.phone_number_id")
				: Identifiers.tooLong(wabaId, "entry[].id");
	}

	/**
	 * Finds the profile of a message's sender: the contact whose {@code wa_id} is the message's {@code from}, else the
	 * one whose {@code user_id} is its {@code from_user_id}.
	 *
	 * @param message must not be {@literal null}.
	 * @return the profile, or {@literal null} if the change carries none for that sender.
	 */
	public @Nullable SenderProfile senderOf(InboundMessage message) {
		if (message.from() != null) {
			for (SenderProfile contact : contacts) {
				if (message.from().equals(contact.waId())) {
					return contact;
				}
			}
		}
		if (message.fromUserId() != null) {
			for (SenderProfile contact : contacts) {
				if (message.fromUserId().equals(contact.userId())) {
					return contact;
				}
			}
		}
		return null;
	}
}

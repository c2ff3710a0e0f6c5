package io.switchboard.genesys;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A customer's message as Genesys Cloud takes it on
 * {@code POST /api/v2/conversations/messages/{integrationId}/inbound/open/message}. Field names are Genesys's own.
 *
 * @param channel who sent it, when, and under which provider id.
 * @param text the message text; absent for media without a caption.
 * @param content at most one attachment.
 * @param metadata message-level key/value data.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OpenInboundMessage(Channel channel, @Nullable String text, @Nullable List<Content> content,
		@Nullable Map<String, String> metadata) {

	/**
	 * @param from the customer.
	 * @param time when the customer sent it.
	 * @param messageId the provider's id: the WhatsApp wamid.
	 * @param metadata {@code customAttributes} become participant data in Genesys.
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record Channel(From from, Instant time, @Nullable String messageId, @Nullable ChannelMetadata metadata) {}

	/**
	 * @param id the customer's stable id within the integration.
	 * @param idType how Genesys reads {@code id}.
	 * @param nickname the name shown to the agent.
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record From(String id, IdType idType, @Nullable String nickname, @Nullable String firstName,
			@Nullable String lastName) {

		public From(String id, IdType idType, @Nullable String nickname) {
			this(id, idType, nickname, null, null);
		}
	}

	public enum IdType {
		Phone, Opaque, Email
	}

	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record ChannelMetadata(Map<String, String> customAttributes) {}

	public record Content(Attachment attachment) {}

	/**
	 * @param mediaType {@code Image}, {@code Video}, {@code Audio}, {@code File} or {@code Link}.
	 * @param url where Genesys fetches the file: an HTTPS, time-limited, Switchboard-hosted URL.
	 * @param mime the IANA type without parameters.
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record Attachment(String mediaType, String url, String mime, @Nullable String filename,
			@Nullable String text, @Nullable String sha256, @Nullable String id) {}
}

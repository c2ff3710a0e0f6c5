package io.switchboard.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A message from the business to a customer in Switchboard's own terms, whoever wrote it (an agent in a contact center,
 * a bot, a back-office system): a destination or the API maps its format to this, and the customer's channel renders
 * it within its own limits, falling back to readable text where it has no richer form.
 *
 * @param content what the message says.
 * @param correlationId the id the requester knows the message by (a destination's message id), for channels to echo
 *        back on their statuses where they can; {@literal null} when there is none.
 */
public record BusinessMessage(Content content, @Nullable String correlationId) {

	public BusinessMessage {
		Objects.requireNonNull(content, "content must not be null");
	}

	/**
	 * What a business message says. In JSON the variant is named by a {@code kind} property (an attachment's own kind
	 * of file is {@code mediaKind} there).
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Content.Text.class, name = "text"),
			@JsonSubTypes.Type(value = Content.QuickReplies.class, name = "quick-replies"),
			@JsonSubTypes.Type(value = Content.Attachment.class, name = "attachment"),
			@JsonSubTypes.Type(value = Content.Cards.class, name = "cards") })
	public sealed interface Content {

		/**
		 * A text, kept byte for byte; a channel that can shows a preview of its first link.
		 */
		record Text(String body) implements Content {

			public Text {
				Objects.requireNonNull(body, "body must not be null");
			}
		}

		/**
		 * A question with replies the customer can tap.
		 *
		 * @param text the question; may be absent when only the options are sent.
		 * @param options at least one.
		 */
		record QuickReplies(@Nullable String text, List<Option> options) implements Content {

			public QuickReplies {
				options = List.copyOf(options);
				if (options.isEmpty()) {
					throw new IllegalArgumentException("quick replies take at least one option");
				}
			}
		}

		/**
		 * A file the business sends, fetched from {@code url}.
		 *
		 * @param url where the file can be fetched now; it may expire soon.
		 * @param caption a text to show with it.
		 * @param hosted Switchboard's copy, once the file was fetched and stored; {@literal null} before.
		 */
		record Attachment(@JsonProperty("mediaKind") CustomerMessage.MediaKind kind, String url,
				@Nullable String mimeType, @Nullable String filename, @Nullable String caption,
				@Nullable HostedMedia hosted) implements Content {

			public Attachment {
				Objects.requireNonNull(kind, "kind must not be null");
				Objects.requireNonNull(url, "url must not be null");
			}

			public Attachment(CustomerMessage.MediaKind kind, String url, @Nullable String mimeType,
					@Nullable String filename, @Nullable String caption) {
				this(kind, url, mimeType, filename, caption, null);
			}

			/**
			 * @return this attachment with Switchboard's copy.
			 */
			public Attachment hostedAs(HostedMedia copy) {
				return new Attachment(kind, url, mimeType, filename, caption, copy);
			}
		}

		/**
		 * One card, or several side by side (a carousel).
		 *
		 * @param text a text to show before the cards, if any.
		 * @param cards at least one.
		 */
		record Cards(@Nullable String text, List<Card> cards) implements Content {

			public Cards {
				cards = List.copyOf(cards);
				if (cards.isEmpty()) {
					throw new IllegalArgumentException("cards take at least one card");
				}
			}
		}
	}

	/**
	 * A reply the customer can tap.
	 *
	 * @param id what comes back when the customer taps it; the title if the sender gave none.
	 * @param title what the customer sees.
	 */
	public record Option(String id, String title) {

		public Option {
			Objects.requireNonNull(id, "option id must not be null");
			Objects.requireNonNull(title, "option title must not be null");
		}
	}

	/**
	 * A card: a title, a description, a picture and actions.
	 *
	 * @param imageUrl a picture (or the poster of a video) to show, if any.
	 */
	public record Card(String title, @Nullable String description, @Nullable String imageUrl, List<CardAction> actions) {

		public Card {
			Objects.requireNonNull(title, "card title must not be null");
			actions = List.copyOf(actions);
		}
	}

	/**
	 * What a card's button does.
	 *
	 * @param text the button's label.
	 * @param payload for {@link Kind#REPLY}: what comes back when the customer taps it.
	 * @param url for {@link Kind#LINK}: the page it opens.
	 */
	public record CardAction(Kind kind, String text, @Nullable String payload, @Nullable String url) {

		public enum Kind {
			/** Sends {@code payload} back as the customer's reply. */
			REPLY,
			/** Opens {@code url}. */
			LINK
		}

		public CardAction {
			Objects.requireNonNull(kind, "action kind must not be null");
			Objects.requireNonNull(text, "action text must not be null");
		}
	}
}

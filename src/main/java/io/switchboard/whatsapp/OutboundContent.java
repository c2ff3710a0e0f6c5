package io.switchboard.whatsapp;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a message to a customer says, in the forms the Cloud API offers. Limits are WhatsApp's; mapping code is
 * expected to respect them (see {@link #MAX_BUTTONS}, {@link #MAX_ROWS}) and fall back to text beyond them.
 */
public sealed interface OutboundContent {

	/** Reply buttons per interactive button message. */
	int MAX_BUTTONS = 3;

	/** Rows across all sections of a list message. */
	int MAX_ROWS = 10;

	/** Characters of a reply button title. */
	int MAX_BUTTON_TITLE = 20;

	/** Characters of a list row title. */
	int MAX_ROW_TITLE = 24;

	/** Characters of a text body. */
	int MAX_TEXT = 4096;

	/**
	 * @param previewUrl whether WhatsApp should render a preview of the first link.
	 */
	record Text(String body, boolean previewUrl) implements OutboundContent {

		public Text {
			Objects.requireNonNull(body, "text body must not be null");
		}

		/**
		 * A text whose link preview is on exactly when it contains an http(s) URL.
		 */
		public static Text of(String body) {
			return new Text(body, body.contains("http://") || body.contains("https://"));
		}
	}

	/**
	 * A file uploaded to the Cloud API before, sent by its media id.
	 *
	 * @param type {@code image}, {@code video}, {@code audio}, {@code document} or {@code sticker}.
	 * @param mediaId the id the upload answered.
	 * @param caption shown with images, videos and documents; WhatsApp takes none with audio and stickers.
	 * @param filename shown with documents only.
	 */
	record Media(String type, String mediaId, @Nullable String caption, @Nullable String filename)
			implements OutboundContent {

		public Media {
			Objects.requireNonNull(type, "media type must not be null");
			Objects.requireNonNull(mediaId, "media id must not be null");
		}
	}

	/**
	 * An interactive message with up to three reply buttons.
	 */
	record ReplyButtons(String body, List<Button> buttons, @Nullable String header, @Nullable String footer)
			implements OutboundContent {

		public ReplyButtons {
			buttons = List.copyOf(buttons);
			if (buttons.isEmpty() || buttons.size() > MAX_BUTTONS) {
				throw new IllegalArgumentException("reply buttons take 1 to " + MAX_BUTTONS + " buttons");
			}
		}
	}

	record Button(String id, String title) {}

	/**
	 * An interactive list: a button that opens up to ten rows in sections.
	 */
	record ListMessage(String body, String buttonLabel, List<Section> sections, @Nullable String header,
			@Nullable String footer) implements OutboundContent {

		public ListMessage {
			sections = List.copyOf(sections);
			int rows = sections.stream().mapToInt(s -> s.rows().size()).sum();
			if (rows == 0 || rows > MAX_ROWS) {
				throw new IllegalArgumentException("a list takes 1 to " + MAX_ROWS + " rows");
			}
		}
	}

	record Section(@Nullable String title, List<Row> rows) {

		public Section {
			rows = List.copyOf(rows);
		}
	}

	record Row(String id, String title, @Nullable String description) {}
}

package io.switchboard.relay.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.ConversationId;
import io.switchboard.conversation.CustomerMessage.MediaKind;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code outbound-api-messages} payload as it is queued: every business message survives the queue, and work
 * queued by the previous version is still sent.
 */
class ApiMessageRequestedTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

	@Test
	void anAttachmentSurvivesTheQueueWithItsKindOfFile() {
		ApiMessageRequested queued = new ApiMessageRequested("sandbox", 7, null, Instant.parse("2026-12-08T00:00:00Z"),
				new ConversationId(UUID.fromString("0b0b0b0b-1111-4222-8333-444455556666")),
				new BusinessMessage(new BusinessMessage.Content.Attachment(MediaKind.IMAGE, "https://files.example/a.png",
						null, null, "your label"), "req-1"));

		ApiMessageRequested read = JSON.readValue(JSON.writeValueAsString(queued), ApiMessageRequested.class);

		assertThat(read).isEqualTo(queued);
	}

	@Test
	void workQueuedByVersionOneIsSentAsItsText() {
		ApiMessageRequested read = JSON.readValue("""
				{"tenantId":"sandbox","ledgerEntryId":7,"text":"Your refund is on its way",\
				"requestedAt":"2026-12-01T10:00:00Z"}""", ApiMessageRequested.class);

		assertThat(read.business().content()).isEqualTo(new BusinessMessage.Content.Text("Your refund is on its way"));
		assertThat(read.conversation()).isNull();
	}
}

package io.switchboard.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unit tests of {@link MetaGraphValidation} and {@link MetaRendering}: the conformance corpus's requests pass, and
 * invalid bodies fail with the Graph code and a field name.
 */
class MetaGraphValidationTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void acceptsEverySendOfTheCorpus() throws IOException {
		for (String name : List.of("01-text-preview-url", "02-image-link", "03-image-media-id",
				"04-document-filename-caption", "05-audio", "06-video", "07-sticker", "08-location",
				"09-template-header-body-button", "10-interactive-buttons", "11-interactive-list", "12-reaction",
				"14-text-bsuid-recipient", "16-text-unicode")) {
			JsonNode body = corpus(name);

			assertThat(MetaGraphValidation.isMarkRead(body)).as(name).isFalse();
			MetaGraphValidation.CheckedSend checked = MetaGraphValidation.send(body);

			assertThat(checked.type()).isEqualTo(body.path("type").stringValue());
			assertThat(checked.customer()).isIn("447700900101", "447700900102", "US.80417735526019448823");
			assertThat(checked.freeForm()).isEqualTo(!name.startsWith("09-"));
		}
	}

	@Test
	void acceptsTheCorpusMarkAsReadBodies() throws IOException {
		MetaGraphValidation.CheckedRead read = MetaGraphValidation.markRead(corpus("13-mark-as-read"));
		MetaGraphValidation.CheckedRead typing = MetaGraphValidation.markRead(corpus("15-typing-indicator"));

		assertThat(read.typing()).isFalse();
		assertThat(read.messageId()).startsWith("wamid.");
		assertThat(typing.typing()).isTrue();
	}

	@Test
	void normalisesNumbersAndKeepsWhatWasSent() {
		MetaGraphValidation.CheckedSend checked = MetaGraphValidation.send(json.readTree("""
				{"messaging_product":"whatsapp","to":"+44 7700-900123","text":{"body":"hi"}}"""));

		assertThat(checked.to()).isEqualTo("+44 7700-900123");
		assertThat(checked.waId()).isEqualTo("447700900123");
		assertThat(checked.type()).isEqualTo("text");
	}

	@Test
	void refusesInvalidBodiesWithTheGraphCodeAndTheField() {
		assertRefused("""
				{"messaging_product":"whatsapp","to":"447700900123","type":"text","text":{"body":"hi"},
				 "context":{}}""", 131008, "context['message_id']");
		assertRefused("""
				{"messaging_product":"whatsapp","to":"447700900123","type":"location","location":{"latitude":91,
				 "longitude":0}}""", 100, "location['latitude']");
		assertRefused("""
				{"messaging_product":"whatsapp","to":"447700900123","type":"audio","audio":{"id":"1","caption":"x"}}""",
				100, "audio['caption']");
		assertRefused("""
				{"messaging_product":"whatsapp","to":"447700900123","type":"contacts","contacts":[{"phones":[]}]}""",
				131008, "contacts[0]['name']");
		assertRefused("""
				{"messaging_product":"whatsapp","to":"447700900123","type":"reaction","reaction":{"emoji":"x"}}""",
				131008, "reaction['message_id']");
		assertRefused("""
				{"messaging_product":"whatsapp","to":"447700900123","type":"template","template":{"name":"x"}}""",
				131008, "template['language']");
		assertRefused("""
				{"messaging_product":"whatsapp","to":"447700900123","type":"interactive","interactive":{
				 "type":"cta_url","body":{"text":"x"},"action":{}}}""", 100, "interactive['type']");
		assertRefused("""
				{"messaging_product":"whatsapp","to":"447700900123","type":"interactive","interactive":{"type":"list",
				 "body":{"text":"x"},"action":{"button":"Pick","sections":[{"rows":[{"id":"a","title":"A"}]},
				 {"rows":[{"id":"b","title":"B"}]}]}}}""", 131008, "['sections'][0]['title']");
		assertRefused("""
				{"messaging_product":"whatsapp","to":"447700900123","type":"interactive","interactive":{"type":"list",
				 "body":{"text":"x"},"action":{"button":"Pick","sections":[{"title":"S","rows":[{"id":"a","title":"A"},
				 {"id":"a","title":"B"}]}]}}}""", 131009, "['rows'][1]['id']");
		assertRefused("""
				{"messaging_product":"whatsapp","recipient":"GB.ENT.1","text":{"body":"hi"}}""", 100, "recipient");
		assertRefused("""
				{"messaging_product":"whatsapp","status":"delivered","message_id":"wamid.X"}""", 100, "status", true);
		assertRefused("""
				{"messaging_product":"whatsapp","status":"read"}""", 131008, "message_id", true);
	}

	@Test
	void rendersMessagesAsTheCustomersPhoneShowsThem() throws IOException {
		MetaRendering.Rendered buttons = MetaRendering.render(corpus("10-interactive-buttons"));
		MetaRendering.Rendered list = MetaRendering.render(corpus("11-interactive-list"));

		assertThat(buttons.text()).isEqualTo("Was this answer helpful?");
		assertThat(buttons.buttons()).containsExactly("Yes, thanks", "No", "Talk to an agent");
		assertThat(list.text()).isEqualTo("""
				Delivery slots
				When should we deliver order AB-1234/2?
				Times are local (UK)
				[Pick a slot]
				• Tue 9-12 — Tuesday 5 May, 09:00-12:00
				• Tue 13-17 — Tuesday 5 May, 13:00-17:00
				• Wed 9-12 — Wednesday 6 May, 09:00-12:00""");
		assertThat(MetaRendering.render(corpus("04-document-filename-caption")).text())
				.isEqualTo("[Document] Invoice-AB-1234.pdf — Your invoice");
		assertThat(MetaRendering.render(corpus("08-location")).text()).isEqualTo("""
				[Location] Example Logistics depot
				5 Market Street, Leeds LS1 6DT
				53.79648,-1.54785""");
		assertThat(MetaRendering.render(corpus("09-template-header-body-button")).text())
				.isEqualTo("[Template delivery_rescheduled · en_GB] Ana, AB-1234/2, Tuesday 5 May");
		assertThat(MetaRendering.render(corpus("12-reaction")).text()).isEqualTo("[Reaction] 👍");
		assertThat(MetaRendering.render(corpus("16-text-unicode")).text()).startsWith("田中様");
	}

	private void assertRefused(String body, int code, String field) {
		assertRefused(body, code, field, false);
	}

	private void assertRefused(String body, int code, String field, boolean markRead) {
		JsonNode node = json.readTree(body);
		assertThatExceptionOfType(MetaGraphError.class)
				.isThrownBy(() -> {
					if (markRead) {
						MetaGraphValidation.markRead(node);
					}
					else {
						MetaGraphValidation.send(node);
					}
				})
				.satisfies(e -> {
					assertThat(e.code()).as(e.details()).isEqualTo(code);
					assertThat(e.details()).contains(field);
					assertThat(e.httpStatus()).isEqualTo(400);
				});
	}

	private JsonNode corpus(String name) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/conformance/whatsapp/outbound/" + name + ".json")) {
			assertThat(in).as(name).isNotNull();
			return json.readTree(in);
		}
	}
}

package io.switchboard.relay.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.genesys.OpenInboundMessage.IdType;
import io.switchboard.genesys.OpenInboundReceipt;
import io.switchboard.genesys.OpenInboundReceipt.Reason;
import io.switchboard.genesys.OpenInboundReceipt.To;
import io.switchboard.whatsapp.Change;
import io.switchboard.whatsapp.WhatsAppStatus;
import io.switchboard.whatsapp.WhatsAppError;
import io.switchboard.whatsapp.WhatsAppWebhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ReceiptMappingTests {

	private static final Path INBOUND = Path.of("src/test/resources/conformance/whatsapp/inbound");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final To ANA = new To("447700900101", IdType.Phone);

	@Test
	void replaysTheStatusCorpusInOrder() {
		Set<String> delivered = new HashSet<>();
		for (String name : List.of("23-status-sent", "24-status-delivered", "25-status-read", "26-status-failed",
				"28-two-statuses")) {
			List<OpenInboundReceipt> produced = replay(name, delivered);

			Path expectedFile = INBOUND.resolve("expected/" + name + ".genesys-receipt.json");
			if (!Files.exists(expectedFile)) {
				assertThat(produced).as(name).isEmpty();
				continue;
			}
			JsonNode expected = json(expectedFile);
			JsonNode actual = JSON.readTree(JSON.writeValueAsString(produced));
			assertThat(actual.size()).as(name).isEqualTo(expected.size());
			for (int i = 0; i < expected.size(); i++) {
				ObjectNode wanted = (ObjectNode) expected.get(i).deepCopy();
				ObjectNode got = (ObjectNode) actual.get(i).deepCopy();
				assertThat(Instant.parse(got.path("channel").path("time").stringValue())).as(name)
						.isEqualTo(Instant.parse(wanted.path("channel").path("time").stringValue()));
				((ObjectNode) wanted.get("channel")).remove("time");
				((ObjectNode) got.get("channel")).remove("time");
				assertThat(got).as(name + "[" + i + "]").isEqualTo(wanted);
			}
		}
		assertThat(delivered).containsExactlyInAnyOrder("f20c37d97e382ca41fda843555907b74",
				"cca1419d2b65ec07cfbe1510850dc613", "7bacbdb1a70b747dfc017b0c24f171fe");
	}

	@Test
	void sendsNothingForSent() {
		assertThat(replay("23-status-sent", new HashSet<>())).isEmpty();
	}

	@Test
	void sendsNothingForReadAfterDelivered() {
		Set<String> delivered = new HashSet<>();

		assertThat(replay("24-status-delivered", delivered)).hasSize(1);
		assertThat(replay("25-status-read", delivered)).isEmpty();
	}

	@Test
	void sendsDeliveredForReadAlone() {
		List<OpenInboundReceipt> receipts = replay("25-status-read", new HashSet<>());

		assertThat(receipts).containsExactly(OpenInboundReceipt.delivered("f20c37d97e382ca41fda843555907b74", ANA,
				Instant.parse("2026-05-04T09:21:30Z")));
	}

	@Test
	void sendsDeliveredOnlyOnce() {
		WhatsAppStatus delivered = status(WhatsAppStatus.DELIVERED);

		assertThat(ReceiptMapping.receiptFor(delivered, "genesys-1", ANA, false)).isPresent();
		assertThat(ReceiptMapping.receiptFor(delivered, "genesys-1", ANA, true)).isEmpty();
	}

	@Test
	void treatsPlayedLikeRead() {
		WhatsAppStatus played = status(WhatsAppStatus.PLAYED);

		assertThat(ReceiptMapping.receiptFor(played, "genesys-1", ANA, false)).contains(
				OpenInboundReceipt.delivered("genesys-1", ANA, Instant.parse("2026-05-04T09:20:08Z")));
		assertThat(ReceiptMapping.receiptFor(played, "genesys-1", ANA, true)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "sent", "deleted", "warning", "" })
	void sendsNothingForOtherStatuses(String status) {
		assertThat(ReceiptMapping.receiptFor(status(status), "genesys-1", ANA, false)).isEmpty();
	}

	@Test
	void reportsFailuresEvenAfterDelivered() {
		WhatsAppStatus failed = status(WhatsAppStatus.FAILED,
				new WhatsAppError(131047, "Re-engagement message", "Re-engagement message", null, null));

		Optional<OpenInboundReceipt> receipt = ReceiptMapping.receiptFor(failed, "genesys-1", ANA, true);

		assertThat(receipt).contains(OpenInboundReceipt.failed("genesys-1", ANA,
				Instant.parse("2026-05-04T09:20:08Z"),
				new Reason("MessageExpired", "WhatsApp error 131047: Re-engagement message")));
	}

	@Test
	void reportsAFailureWithoutErrorsAsGeneralError() {
		OpenInboundReceipt receipt = ReceiptMapping.receiptFor(status(WhatsAppStatus.FAILED), "genesys-1", ANA, false)
				.orElseThrow();

		assertThat(receipt.status()).isEqualTo(OpenInboundReceipt.Status.Failed);
		assertThat(receipt.reasons()).extracting(Reason::code).containsExactly("GeneralError");
		assertThat(receipt.isFinalReceipt()).isTrue();
	}

	@Test
	void leavesTheTimeOutWhenTheStatusHasNone() {
		WhatsAppStatus untimed = new WhatsAppStatus("wamid.1", WhatsAppStatus.DELIVERED, Instant.EPOCH, "447700900101",
				null, null, "genesys-1", List.of(), null, null);

		assertThat(ReceiptMapping.receiptFor(untimed, "genesys-1", ANA, false).orElseThrow().channel().time())
				.isNull();
	}

	@Test
	void describesErrorsByDetailsThenMessageThenTitle() {
		assertThat(ReceiptMapping.reason(new WhatsAppError(131026, "title", "message", "details", null)))
				.isEqualTo(new Reason("InvalidDestination", "WhatsApp error 131026: details"));
		assertThat(ReceiptMapping.reason(new WhatsAppError(131026, "title", "message", " ", null)).message())
				.isEqualTo("WhatsApp error 131026: message");
		assertThat(ReceiptMapping.reason(new WhatsAppError(131026, "title", null, null, null)).message())
				.isEqualTo("WhatsApp error 131026: title");
		assertThat(ReceiptMapping.reason(new WhatsAppError(131026, null, null, null, null)).message())
				.isEqualTo("WhatsApp error 131026");
	}

	@ParameterizedTest
	@CsvSource({ "131047, MessageExpired", "130429, RateLimited", "131056, RateLimited", "131048, RateLimited",
			"4, RateLimited", "80007, RateLimited", "131026, InvalidDestination", "131021, InvalidDestination",
			"131030, InvalidDestination", "131050, RecipientOptedOut", "131049, MessageNotAllowed",
			"131051, UnsupportedMessage", "100, InvalidMessageStructure", "131008, InvalidMessageStructure",
			"131009, InvalidMessageStructure", "190, GeneralError", "0, GeneralError", "131000, GeneralError",
			"131053, GeneralError", "131999, GeneralError", "132017, GeneralError", "133010, GeneralError" })
	void mapsMetaErrorCodesToGenesysReasons(int metaCode, String reason) {
		assertThat(ReceiptMapping.reasonCode(metaCode)).isEqualTo(reason);
	}

	@Test
	void mapsTemplateErrorsToInvalidMessageStructure() {
		assertThat(IntStream.rangeClosed(132000, 132016).mapToObj(ReceiptMapping::reasonCode))
				.containsOnly("InvalidMessageStructure").hasSize(17);
	}

	private static List<OpenInboundReceipt> replay(String name, Set<String> delivered) {
		List<OpenInboundReceipt> receipts = new ArrayList<>();
		byte[] body;
		try {
			body = Files.readAllBytes(INBOUND.resolve(name + ".json"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		for (Change change : WhatsAppWebhooks.parse(body).changes()) {
			for (WhatsAppStatus status : change.statuses()) {
				String genesysId = status.bizOpaqueCallbackData();
				To to = new To(status.recipientId(), IdType.Phone);
				ReceiptMapping.receiptFor(status, genesysId, to, delivered.contains(genesysId)).ifPresent(receipt -> {
					if (receipt.status() == OpenInboundReceipt.Status.Delivered) {
						delivered.add(genesysId);
					}
					receipts.add(receipt);
				});
			}
		}
		return receipts;
	}

	private static WhatsAppStatus status(String status, WhatsAppError... errors) {
		return new WhatsAppStatus("wamid.1", status, Instant.ofEpochSecond(1777886408), "447700900101", null, null,
				"genesys-1", List.of(errors), null, null);
	}

	private static JsonNode json(Path file) {
		try {
			return JSON.readTree(Files.readAllBytes(file));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

package io.switchboard.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversation.ConversationDestination.StatusChange;
import io.switchboard.conversation.FailureReason;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.genesys.OpenInboundMessage.IdType;
import io.switchboard.genesys.OpenInboundReceipt.Reason;
import io.switchboard.genesys.OpenInboundReceipt.Status;
import io.switchboard.genesys.OpenInboundReceipt.To;
import io.switchboard.whatsapp.Change;
import io.switchboard.whatsapp.StatusMapping;
import io.switchboard.whatsapp.WhatsAppError;
import io.switchboard.whatsapp.WhatsAppStatus;
import io.switchboard.whatsapp.WhatsAppWebhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The receipts Genesys gets for WhatsApp's statuses of agents' messages: WhatsApp's status mapped to the neutral
 * status ({@link StatusMapping}), then to Genesys's receipt ({@link ReceiptMapping}), as the Genesys destination
 * composes them, on the conformance corpus.
 */
class ReceiptMappingTests {

	private static final Path INBOUND = Path.of("src/test/resources/conformance/whatsapp/inbound");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final To ANA = new To("447700900101", IdType.Phone);
	private static final Instant AT = Instant.parse("2026-05-04T09:20:08Z");

	@Test
	void replaysTheStatusCorpusInOrder() {
		Map<String, Status> owed = new HashMap<>();
		for (String name : List.of("23-status-sent", "24-status-delivered", "25-status-read", "26-status-failed",
				"28-two-statuses")) {
			List<OpenInboundReceipt> produced = replay(name, owed);

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
		assertThat(owed).containsOnlyKeys("f20c37d97e382ca41fda843555907b74", "cca1419d2b65ec07cfbe1510850dc613",
				"7bacbdb1a70b747dfc017b0c24f171fe", "fe603f775cba02e631f9ef73c1e9d2ce");
		assertThat(owed).containsEntry("f20c37d97e382ca41fda843555907b74", Status.Delivered)
			.containsEntry("fe603f775cba02e631f9ef73c1e9d2ce", Status.Failed);
	}

	@Test
	void sendsNothingForSent() {
		assertThat(replay("23-status-sent", new HashMap<>())).isEmpty();
	}

	@Test
	void sendsNothingForReadAfterDelivered() {
		Map<String, Status> owed = new HashMap<>();

		assertThat(replay("24-status-delivered", owed)).hasSize(1);
		assertThat(replay("25-status-read", owed)).isEmpty();
	}

	@Test
	void sendsDeliveredForReadAlone() {
		List<OpenInboundReceipt> receipts = replay("25-status-read", new HashMap<>());

		assertThat(receipts).containsExactly(OpenInboundReceipt.delivered("f20c37d97e382ca41fda843555907b74", ANA,
				Instant.parse("2026-05-04T09:21:30Z")));
	}

	@Test
	void sendsDeliveredOnlyOnce() {
		WhatsAppStatus delivered = status(WhatsAppStatus.DELIVERED);

		assertThat(receiptFor(delivered, null)).isPresent();
		assertThat(receiptFor(delivered, Status.Delivered)).isEmpty();
	}

	@Test
	void treatsPlayedLikeRead() {
		WhatsAppStatus played = status(WhatsAppStatus.PLAYED);

		assertThat(receiptFor(played, null)).contains(OpenInboundReceipt.delivered("genesys-1", ANA, AT));
		assertThat(receiptFor(played, Status.Delivered)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "sent", "deleted", "warning", "" })
	void sendsNothingForOtherStatuses(String status) {
		assertThat(receiptFor(status(status), null)).isEmpty();
	}

	@Test
	void reportsFailuresEvenAfterDelivered() {
		WhatsAppStatus failed = status(WhatsAppStatus.FAILED,
				new WhatsAppError(131047, "Re-engagement message", "Re-engagement message", null, null));

		Optional<OpenInboundReceipt> receipt = receiptFor(failed, Status.Delivered);

		assertThat(receipt).contains(OpenInboundReceipt.failed("genesys-1", ANA, AT,
				new Reason("MessageExpired", "WhatsApp error 131047: Re-engagement message")));
	}

	@Test
	void reportsAFailureOnlyOnce() {
		WhatsAppStatus failed = status(WhatsAppStatus.FAILED, new WhatsAppError(131026, null, "Undeliverable", null,
				null));

		assertThat(receiptFor(failed, Status.Failed)).isEmpty();
	}

	@Test
	void reportsAFailureWithoutErrorsAsGeneralError() {
		OpenInboundReceipt receipt = receiptFor(status(WhatsAppStatus.FAILED), null).orElseThrow();

		assertThat(receipt.status()).isEqualTo(Status.Failed);
		assertThat(receipt.reasons()).containsExactly(
				new Reason("GeneralError", "WhatsApp reported the message as failed without an error"));
		assertThat(receipt.isFinalReceipt()).isTrue();
	}

	@Test
	void leavesTheTimeOutWhenTheStatusHasNone() {
		WhatsAppStatus untimed = new WhatsAppStatus("wamid.1", WhatsAppStatus.DELIVERED, Instant.EPOCH, "447700900101",
				null, null, "genesys-1", List.of(), null, null);

		assertThat(receiptFor(untimed, null).orElseThrow().channel().time()).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "131047, MessageExpired", "130429, RateLimited", "131056, RateLimited", "131048, RateLimited",
			"4, RateLimited", "80007, RateLimited", "131026, InvalidDestination", "131021, InvalidDestination",
			"131030, InvalidDestination", "131050, RecipientOptedOut", "131049, MessageNotAllowed",
			"131051, UnsupportedMessage", "100, InvalidMessageStructure", "131008, InvalidMessageStructure",
			"131009, InvalidMessageStructure", "190, GeneralError", "0, GeneralError", "131000, GeneralError",
			"131053, GeneralError", "131999, GeneralError", "132017, GeneralError", "133010, GeneralError" })
	void mapsMetaErrorCodesToGenesysReasons(int metaCode, String reason) {
		assertThat(reasonCode(metaCode)).isEqualTo(reason);
	}

	@Test
	void mapsTemplateErrorsToInvalidMessageStructure() {
		assertThat(IntStream.rangeClosed(132000, 132016).mapToObj(ReceiptMappingTests::reasonCode))
				.containsOnly("InvalidMessageStructure").hasSize(17);
	}

	@Test
	void givesTheNeutralReasonsCodeAndTheChannelsSentence() {
		StatusChange failed = new StatusChange(7, MessageStatus.FAILED, FailureReason.RECIPIENT_OPTED_OUT,
				"the customer stopped marketing messages", AT);

		assertThat(ReceiptMapping.receiptFor(failed, "genesys-1", ANA, null)).contains(OpenInboundReceipt.failed(
				"genesys-1", ANA, AT, new Reason("RecipientOptedOut", "the customer stopped marketing messages")));
	}

	@Test
	void givesGeneralErrorForAFailureWithoutReason() {
		StatusChange failed = new StatusChange(7, MessageStatus.FAILED, null, null, null);

		assertThat(ReceiptMapping.receiptFor(failed, "genesys-1", ANA, null).orElseThrow().reasons())
			.containsExactly(new Reason("GeneralError", null));
	}

	@ParameterizedTest
	@EnumSource(value = MessageStatus.class, names = { "RECEIVED", "RELAYED", "SENT" })
	void givesNoReceiptBeforeTheMessageIsDeliveredOrFailed(MessageStatus status) {
		StatusChange change = new StatusChange(7, status, null, null, AT);

		assertThat(ReceiptMapping.receiptFor(change, "genesys-1", ANA, null)).isEmpty();
	}

	@Test
	void givesDeliveredAfterAFailedWhenTheMessageArrivesAfterAll() {
		StatusChange delivered = new StatusChange(7, MessageStatus.DELIVERED, null, null, AT);

		assertThat(ReceiptMapping.receiptFor(delivered, "genesys-1", ANA, Status.Failed))
			.contains(OpenInboundReceipt.delivered("genesys-1", ANA, AT));
	}

	@Test
	void readsTheReceiptALedgerEntryIsOwed() {
		assertThat(ReceiptMapping.owed("Delivered")).isEqualTo(Status.Delivered);
		assertThat(ReceiptMapping.owed("Failed")).isEqualTo(Status.Failed);
		assertThat(ReceiptMapping.owed(null)).isNull();
		assertThat(ReceiptMapping.owed("Read")).isNull();
	}

	private static Optional<OpenInboundReceipt> receiptFor(WhatsAppStatus status, @Nullable Status owed) {
		return StatusMapping.toStatusChange(status, 7)
			.flatMap(change -> ReceiptMapping.receiptFor(change, "genesys-1", ANA, owed));
	}

	private static String reasonCode(int metaCode) {
		return receiptFor(status(WhatsAppStatus.FAILED, new WhatsAppError(metaCode, null, null, null, null)), null)
			.orElseThrow().reasons().getFirst().code();
	}

	private static List<OpenInboundReceipt> replay(String name, Map<String, Status> owed) {
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
				StatusMapping.toStatusChange(status, 7)
					.flatMap(neutral -> ReceiptMapping.receiptFor(neutral, genesysId, to, owed.get(genesysId)))
					.ifPresent(receipt -> {
						owed.put(genesysId, receipt.status());
						receipts.add(receipt);
					});
			}
		}
		return receipts;
	}

	private static WhatsAppStatus status(String status, WhatsAppError... errors) {
		return new WhatsAppStatus("wamid.1", status, AT, "447700900101", null, null, "genesys-1", List.of(errors),
				null, null);
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

package io.switchboard.fault;

import io.switchboard.fault.Messages.Message;
import io.switchboard.harness.StandInTenant;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The fault test's counting, on deliveries recorded by hand: what counts as lost, duplicated, out of order, missing its
 * receipt, and which duplicates the SIGKILL window allows.
 */
class FaultReportTests {

	private final Timeline timeline = new Timeline();
	private final Messages messages = new Messages(StandInTenant.fresh("report", 80), "0badcafe", timeline);
	private final GenesysRecorder genesys = new GenesysRecorder();
	private final GraphRecorder graph = new GraphRecorder(null, "0badcafe");

	@AfterEach
	void stopStandIns() {
		genesys.close();
		graph.close();
	}

	@Test
	void countsEachMessageInThePhaseItWasSentIn() {
		timeline.begin("calm", false);
		Message first = acknowledged(messages.inbound(1));
		Message second = acknowledged(messages.inbound(1));
		timeline.begin("storm", false);
		Message third = acknowledged(messages.inbound(1));
		Message unacknowledged = messages.inbound(2);
		genesys.delivered(first.id());
		genesys.delivered(second.id());
		timeline.end();

		FaultReport report = FaultReport.of(timeline, messages, genesys, graph, Set.of(third.id()));

		assertThat(report.rows(Direction.INBOUND)).extracting(FaultReport.Row::phase, FaultReport.Row::sent,
				FaultReport.Row::acknowledged, FaultReport.Row::deliveredOnce, FaultReport.Row::lost,
				FaultReport.Row::deadLetters)
				.containsExactly(tuple("calm", 2, 2, 2, 0, 0),
						tuple("storm", 2, 1, 0, 1, 1),
						tuple(FaultReport.TOTAL, 4, 3, 2, 1, 1));
		assertThat(report.lost()).isEqualTo(1);
		assertThat(unacknowledged.acknowledged()).isFalse();
	}

	@Test
	void countsAMessageOutOfOrderWhenALaterOneOfItsCustomerArrivedFirst() {
		timeline.begin("calm", false);
		Message first = acknowledged(messages.inbound(1));
		Message second = acknowledged(messages.inbound(1));
		Message third = acknowledged(messages.inbound(1));
		Message otherCustomer = acknowledged(messages.inbound(2));
		genesys.delivered(otherCustomer.id());
		genesys.delivered(second.id());
		genesys.delivered(first.id());
		genesys.delivered(third.id());
		genesys.delivered(second.id());
		timeline.end();

		FaultReport report = FaultReport.of(timeline, messages, genesys, graph, Set.of());

		assertThat(report.outOfOrder()).as("only the first, which arrived after the second").isEqualTo(1);
		assertThat(report.duplicates()).extracting(FaultReport.Duplicate::id).containsExactly(second.id());
	}

	@Test
	void allowsDuplicatesOnlyInPhasesThatKillAProcess() {
		timeline.begin("worker SIGKILL", true);
		Message killed = acknowledged(messages.outbound(1));
		graph.delivered(killed.id());
		graph.delivered(killed.id());
		timeline.begin("calm", false);
		Message calm = acknowledged(messages.outbound(1));
		graph.delivered(calm.id());
		graph.delivered(calm.id());
		timeline.end();

		FaultReport report = FaultReport.of(timeline, messages, genesys, graph, Set.of());

		assertThat(report.duplicates()).hasSize(2);
		assertThat(report.disallowedDuplicates()).extracting(FaultReport.Duplicate::id, FaultReport.Duplicate::sentIn)
				.containsExactly(tuple(calm.id(), "calm"));
		assertThat(report.render()).contains(killed.id()).contains("allowed (SIGKILL window)").contains("NOT ALLOWED");
	}

	@Test
	void missesAReceiptWhenAnAgentMessageReachedWhatsAppButGenesysHeardNoDelivered() {
		timeline.begin("calm", false);
		Message receipted = acknowledged(messages.outbound(1));
		Message unreceipted = acknowledged(messages.outbound(2));
		Message lost = acknowledged(messages.outbound(3));
		graph.delivered(receipted.id());
		graph.delivered(unreceipted.id());
		genesys.receipt(receipted.id(), "Delivered");
		genesys.receipt(unreceipted.id(), "Failed");
		timeline.end();

		FaultReport report = FaultReport.of(timeline, messages, genesys, graph, Set.of());

		assertThat(report.receiptsMissing()).as("not the lost one, which is counted as lost").isEqualTo(1);
		assertThat(report.lost()).isEqualTo(1);
		assertThat(report.render()).contains(unreceipted.id()).contains(lost.id());
	}

	private static Message acknowledged(Message message) {
		message.acknowledgements().incrementAndGet();
		return message;
	}
}

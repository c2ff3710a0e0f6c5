package io.switchboard.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.harness.ModuleDatabase;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The conversation module alone, on a real PostgreSQL: who customers are, which conversation they are in, and the
 * ledger's statuses, with the events each change publishes.
 */
@ApplicationModuleTest
class ConversationModuleTests {

	private static final AtomicInteger CUSTOMERS = new AtomicInteger(4_100);

	@Autowired
	Conversations conversations;

	@Autowired
	MessageLedger ledger;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ModuleDatabase.register(registry);
	}

	@Test
	void aSenderSeenWithBothIdentitiesStaysOneCustomerWhenOnlyItsBsuidIsSeenLater() {
		String phone = phone();
		String bsuid = "GB." + phone;

		CustomerId first = conversations.identify("t1", phone, bsuid);
		CustomerId later = conversations.identify("t1", null, bsuid);

		assertThat(first).isEqualTo(CustomerId.phone(phone));
		assertThat(later).isEqualTo(first);
		assertThat(conversations.identify("t2", null, bsuid)).as("identities are per tenant")
				.isEqualTo(CustomerId.bsuid(bsuid));
	}

	@Test
	void aSenderFirstSeenByBsuidKeepsThatCustomerWhenItsNumberAppears() {
		String phone = phone();
		String bsuid = "GB." + phone;

		CustomerId first = conversations.identify("t1", null, bsuid);

		assertThat(conversations.identify("t1", phone, bsuid)).isEqualTo(first).isEqualTo(CustomerId.bsuid(bsuid));
		assertThat(conversations.identify("t1", phone, null)).as("the number is linked to it now").isEqualTo(first);
	}

	@Test
	void aLinkedIdentityKeepsItsCustomer() {
		CustomerId customer = conversations.identify("t1", phone(), null);
		CustomerId other = conversations.identify("t1", phone(), null);
		String newNumber = phone();

		conversations.link("t1", newNumber, customer);
		conversations.link("t1", newNumber, other);

		assertThat(conversations.identify("t1", newNumber, null)).isEqualTo(customer);
	}

	@Test
	void statusesOnlyMoveForwardAndEachMovePublishesAChange(Scenario scenario) {
		LedgerEntry entry = ledger.recordOutbound("t1", "g-" + phone(), CustomerId.phone(phone()), "text", null, null);

		scenario.stimulate(() -> ledger.applyStatus(entry.id(), MessageStatus.DELIVERED, null))
				.andWaitForEventOfType(MessageStatusChanged.class)
				.matching(changed -> changed.ledgerEntryId() == entry.id())
				.toArriveAndVerify(changed -> assertThat(changed.status()).isEqualTo(MessageStatus.DELIVERED));

		assertThat(ledger.applyStatus(entry.id(), MessageStatus.SENT, null)).as("back to sent").isFalse();
		assertThat(ledger.applyStatus(entry.id(), MessageStatus.FAILED, "late failure")).as("failed after delivered")
				.isFalse();
		assertThat(ledger.applyStatus(entry.id(), MessageStatus.READ, null)).isTrue();
		assertThat(ledger.find("t1", entry.id()).orElseThrow().status()).isEqualTo(MessageStatus.READ);
	}

	@Test
	void aCustomersFirstMessageOpensARoutedConversationAndTheNextOneDoesNot(AssertablePublishedEvents events) {
		CustomerId customer = CustomerId.phone(phone());

		Conversation opened = conversations.customerWrote("t1", "100000000000001", "genesys", customer, "Ana",
				Instant.now());
		Conversation again = conversations.customerWrote("t1", "100000000000001", "genesys", customer, null,
				Instant.now());

		assertThat(again.id()).isEqualTo(opened.id());
		assertThat(again.contactName()).isEqualTo("Ana");
		assertThat(events.ofType(ConversationRouted.class).matching(routed -> routed.customer().equals(customer)))
				.singleElement().satisfies(routed -> {
					assertThat(routed.conversation()).isEqualTo(opened.id());
					assertThat(routed.destination()).isEqualTo("genesys");
				});
	}

	private static String phone() {
		return "4477009" + CUSTOMERS.incrementAndGet();
	}
}

package io.switchboard.fault;

import io.switchboard.fault.Messages.Message;
import io.switchboard.fault.Timeline.Phase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What became of every message, per direction and per phase (the phase it was sent in): sent, acknowledged by the edge
 * (200), delivered once, duplicated (the stand-in received it more than once), lost (acknowledged, never delivered),
 * out of order (for its customer, the stand-in's order of first arrivals differs from the send order), receipts
 * missing (an agent's reply that reached WhatsApp but whose {@code Delivered} receipt never reached Genesys) and dead
 * letters (parked by the product). Every message counted in a failing column is named with its id.
 */
final class FaultReport {

	static final String TOTAL = "total";
	private static final int NAMED = 8;

	/**
	 * One line of a direction's table.
	 *
	 * @param receiptsMissing {@literal null} for customer messages, which owe no receipt.
	 * @param lastArrival seconds from the end of the phase to the first arrival of the last of its messages to arrive
	 *        (negative: within the phase), which shows how long the product took to catch up after a fault;
	 *        {@literal null} if none arrived.
	 */
	record Row(String phase, int sent, int acknowledged, int deliveredOnce, int duplicated, int lost, int outOfOrder,
			Integer receiptsMissing, int deadLetters, Double lastArrival) {}

	/**
	 * A message a stand-in received more than once.
	 *
	 * @param arrivedIn the phases its later arrivals fell in ("drain" after the last phase).
	 * @param allowed whether it was sent or arrived again in a phase that kills a process: the one window in which the
	 *        product cannot help delivering twice (killed between the platform's answer and the ledger write).
	 */
	record Duplicate(Direction direction, String id, int customer, String sentIn, List<String> arrivedIn,
			boolean allowed) {}

	private final Map<Direction, List<Row>> rows = new EnumMap<>(Direction.class);
	private final Map<String, List<String>> named = new LinkedHashMap<>();
	private final List<Duplicate> duplicates = new ArrayList<>();
	private int lost;
	private int outOfOrder;
	private int receiptsMissing;

	private FaultReport() {}

	/**
	 * @param deadLetters the ids of messages the product parked (the admin API's dead letters, or still in a
	 *        dead-letter queue).
	 */
	static FaultReport of(Timeline timeline, Messages messages, GenesysRecorder genesys, GraphRecorder graph,
			Set<String> deadLetters) {
		FaultReport report = new FaultReport();
		for (Direction direction : Direction.values()) {
			report.tally(direction, timeline, messages, direction == Direction.INBOUND ? genesys : graph, genesys,
					deadLetters);
		}
		return report;
	}

	int lost() {
		return lost;
	}

	int outOfOrder() {
		return outOfOrder;
	}

	int receiptsMissing() {
		return receiptsMissing;
	}

	List<Duplicate> duplicates() {
		return duplicates;
	}

	List<Duplicate> disallowedDuplicates() {
		return duplicates.stream().filter(d -> !d.allowed()).toList();
	}

	List<Row> rows(Direction direction) {
		return rows.get(direction);
	}

	private void tally(Direction direction, Timeline timeline, Messages messages, RecordingStandIn destination,
			GenesysRecorder genesys, Set<String> deadLetters) {
		List<Message> sent = messages.of(direction);
		Set<String> disordered = outOfOrder(direction, messages, destination);
		Map<String, List<Message>> byPhase = new LinkedHashMap<>();
		for (Phase phase : timeline.phases()) {
			byPhase.put(phase.name(), new ArrayList<>());
		}
		sent.stream().sorted(Comparator.comparingLong(Message::sentAt))
				.forEach(m -> byPhase.computeIfAbsent(m.phase(), p -> new ArrayList<>()).add(m));
		byPhase.put(TOTAL, sent);
		List<Row> table = new ArrayList<>();
		for (var entry : byPhase.entrySet()) {
			List<Message> group = entry.getValue();
			Predicate<Message> isLost = m -> m.acknowledged() && destination.arrivals(m.id()).isEmpty();
			Predicate<Message> missesReceipt = m -> !destination.arrivals(m.id()).isEmpty()
					&& !genesys.receipts(m.id()).contains("Delivered");
			Integer receipts = direction == Direction.OUTBOUND ? count(group, missesReceipt) : null;
			table.add(new Row(entry.getKey(), group.size(), count(group, Message::acknowledged),
					count(group, m -> destination.arrivals(m.id()).size() == 1),
					count(group, m -> destination.arrivals(m.id()).size() > 1), count(group, isLost),
					count(group, m -> disordered.contains(m.id())), receipts,
					count(group, m -> deadLetters.contains(m.id())), lastArrival(timeline, entry.getKey(), group,
							destination)));
			if (!entry.getKey().equals(TOTAL)) {
				name(direction, "lost", entry.getKey(), group, isLost);
				name(direction, "out of order", entry.getKey(), group, m -> disordered.contains(m.id()));
				if (direction == Direction.OUTBOUND) {
					name(direction, "receipt missing", entry.getKey(), group, missesReceipt);
				}
				name(direction, "dead letter", entry.getKey(), group, m -> deadLetters.contains(m.id()));
				name(direction, "never acknowledged", entry.getKey(), group, m -> !m.acknowledged());
			}
		}
		Row total = table.getLast();
		lost += total.lost();
		outOfOrder += total.outOfOrder();
		receiptsMissing += total.receiptsMissing() == null ? 0 : total.receiptsMissing();
		rows.put(direction, table);
		for (Message message : sent) {
			List<Long> arrivals = destination.arrivals(message.id());
			if (arrivals.size() > 1) {
				List<String> phases = arrivals.subList(1, arrivals.size()).stream()
						.map(t -> timeline.at(t) == null ? "drain" : timeline.at(t).name()).toList();
				boolean allowed = killing(timeline, message.phase())
						|| arrivals.subList(1, arrivals.size()).stream()
								.anyMatch(t -> timeline.at(t) != null && timeline.at(t).sigkill());
				duplicates.add(new Duplicate(direction, message.id(), message.customer(), message.phase(), phases,
						allowed));
			}
		}
	}

	/**
	 * @return the ids of messages that reached the stand-in after a later message of the same customer.
	 */
	private static Set<String> outOfOrder(Direction direction, Messages messages, RecordingStandIn destination) {
		Map<Integer, Integer> highest = new HashMap<>();
		Set<String> late = new HashSet<>();
		for (String id : destination.firstArrivals()) {
			Message message = messages.byId(id);
			if (message == null || message.direction() != direction) {
				continue;
			}
			int before = highest.getOrDefault(message.customer(), 0);
			if (message.sequence() < before) {
				late.add(id);
			}
			else {
				highest.put(message.customer(), message.sequence());
			}
		}
		return late;
	}

	private static Double lastArrival(Timeline timeline, String phase, List<Message> group,
			RecordingStandIn destination) {
		List<Phase> phases = timeline.phases();
		if (phases.isEmpty()) {
			return null;
		}
		long end = phases.stream().filter(p -> p.name().equals(phase)).findFirst().orElse(phases.getLast()).end();
		return group.stream().map(m -> destination.arrivals(m.id())).filter(a -> !a.isEmpty())
				.mapToLong(List::getFirst).max().stream().mapToObj(last -> (last - end) / 1e9).findFirst()
				.orElse(null);
	}

	private static boolean killing(Timeline timeline, String phase) {
		return timeline.phases().stream().anyMatch(p -> p.name().equals(phase) && p.sigkill());
	}

	private void name(Direction direction, String what, String phase, List<Message> group, Predicate<Message> test) {
		List<String> ids = group.stream().filter(test).map(Message::id).toList();
		if (!ids.isEmpty()) {
			named.put(direction.name().toLowerCase() + " " + what + " in '" + phase + "' (" + ids.size() + ")",
					ids.size() <= NAMED ? ids : shortened(ids));
		}
	}

	private static List<String> shortened(List<String> ids) {
		List<String> some = new ArrayList<>(ids.subList(0, NAMED));
		some.add("... and " + (ids.size() - NAMED) + " more");
		return some;
	}

	private static int count(List<Message> messages, Predicate<Message> test) {
		return (int) messages.stream().filter(test).count();
	}

	/**
	 * @return the tables, the named messages, the duplicates and the verdict, as plain text.
	 */
	String render() {
		StringBuilder out = new StringBuilder();
		String header = "%-30s %6s %6s %6s %6s %6s %6s %8s %6s %9s%n";
		for (Direction direction : Direction.values()) {
			out.append('\n').append(direction.label()).append('\n');
			out.append(header.formatted("phase (sent in)", "sent", "acked", "once", "dup", "lost", "order",
					"receipts", "dead", "last in"));
			for (Row row : rows.get(direction)) {
				if (row.phase().equals(TOTAL)) {
					out.append("-".repeat(104)).append('\n');
				}
				out.append("%-30s %6d %6d %6d %6d %6d %6d %8s %6d %9s%n".formatted(row.phase(), row.sent(),
						row.acknowledged(), row.deliveredOnce(), row.duplicated(), row.lost(), row.outOfOrder(),
						row.receiptsMissing() == null ? "-" : row.receiptsMissing().toString(), row.deadLetters(),
						row.lastArrival() == null ? "-" : "%+.1f s".formatted(row.lastArrival())));
			}
		}
		out.append("\ncolumns: acked = the edge answered 200; once = delivered exactly once; dup = delivered more than "
				+ "once; lost = acked, never delivered;\n  order = reached its platform after a later message of its "
				+ "customer; receipts = reached WhatsApp, no Delivered receipt reached Genesys;\n  dead = parked by "
				+ "the product (listed by GET /api/admin/dead-letters, or still in a dead-letter queue);\n"
				+ "  last in = when the last of the phase's messages to arrive did, from the end of the phase (total: "
				+ "from the end of the last)\n");
		out.append("\nDuplicates (").append(duplicates.size()).append(")\n");
		if (duplicates.isEmpty()) {
			out.append("  none\n");
		}
		for (Duplicate duplicate : duplicates) {
			out.append("  %s %s of customer %d, sent in '%s', again in %s: %s%n".formatted(
					duplicate.direction().name().toLowerCase(), duplicate.id(), duplicate.customer(),
					duplicate.sentIn(), duplicate.arrivedIn(),
					duplicate.allowed() ? "allowed (SIGKILL window)" : "NOT ALLOWED"));
		}
		if (!named.isEmpty()) {
			out.append("\nMessages by what became of them\n");
			named.forEach((what, ids) -> out.append("  ").append(what).append(": ").append(String.join(", ", ids))
					.append('\n'));
		}
		out.append("\nVerdict: lost ").append(lost).append(", out of order ").append(outOfOrder)
				.append(", receipts missing ").append(receiptsMissing).append(", duplicates outside SIGKILL phases ")
				.append(disallowedDuplicates().size()).append(" (allowed duplicates: ")
				.append(duplicates.size() - disallowedDuplicates().size()).append(")\n");
		return out.toString();
	}
}

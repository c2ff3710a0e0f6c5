package io.switchboard.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults of a run, one after another, each a phase with its start and end ({@link System#nanoTime()}), so that
 * every message can be attributed to the phase it was sent in and every duplicate to the phase it arrived in. Events
 * worth reading in the report (a process killed, how long a restart took) are noted against the phase.
 */
final class Timeline {

	/**
	 * A phase of the run.
	 *
	 * @param sigkill whether a process is killed in it, which opens the one window where a duplicate is allowed: a
	 *        process killed between a platform's answer and the ledger write.
	 */
	record Phase(String name, boolean sigkill, long start, long end, List<String> notes) {

		boolean contains(long nanos) {
			return nanos >= start && nanos < end;
		}
	}

	private final long origin = System.nanoTime();
	private final List<Phase> phases = new ArrayList<>();
	private String current;
	private boolean currentSigkill;
	private long currentStart;
	private List<String> currentNotes = new ArrayList<>();

	synchronized void begin(String name, boolean sigkill) {
		end();
		current = name;
		currentSigkill = sigkill;
		currentStart = System.nanoTime();
		currentNotes = new ArrayList<>();
		log("phase '" + name + "'");
	}

	synchronized void end() {
		if (current != null) {
			phases.add(new Phase(current, currentSigkill, currentStart, System.nanoTime(), List.copyOf(currentNotes)));
			current = null;
		}
	}

	/**
	 * @return the phase under way now; {@literal null} between phases.
	 */
	synchronized String current() {
		return current;
	}

	/**
	 * Notes an event of the current phase, for the report, and logs it.
	 */
	synchronized void note(String event) {
		currentNotes.add(event);
		log("  " + event);
	}

	synchronized List<Phase> phases() {
		return List.copyOf(phases);
	}

	/**
	 * @return the phase the instant fell in, or {@literal null} (before the first or after the last).
	 */
	synchronized Phase at(long nanos) {
		return phases.stream().filter(p -> p.contains(nanos)).findFirst().orElse(null);
	}

	/**
	 * @return seconds since the run started, for the log.
	 */
	String clock() {
		long seconds = (System.nanoTime() - origin) / 1_000_000_000L;
		return "%d:%02d".formatted(seconds / 60, seconds % 60);
	}

	void log(String line) {
		System.out.println("[fault " + clock() + "] " + line);
	}
}

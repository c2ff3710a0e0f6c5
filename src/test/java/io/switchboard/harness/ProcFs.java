package io.switchboard.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} tells about processes: CPU ticks from {@code stat}, resident and proportional set sizes
 * from {@code status} and {@code smaps_rollup}. Processes that vanish while being read count as zero.
 */
public final class ProcFs {

	/** {@code USER_HZ}, the unit of the CPU times in {@code /proc}; 100 on every Linux architecture Java runs on. */
	public static final double TICKS_PER_SECOND = 100.0;

	private ProcFs() {}

	/**
	 * CPU ticks of a process, read from {@code /proc/<pid>/stat}.
	 *
	 * @param own user plus system time of the process itself.
	 * @param children user plus system time of its children that have exited and been waited for.
	 */
	public record Ticks(String name, long own, long children) {

		static final Ticks NONE = new Ticks("", 0, 0);
	}

	public static Ticks ticks(long pid) {
		return ticks(Path.of("/proc", Long.toString(pid), "stat"));
	}

	public static Ticks selfTicks() {
		return ticks(Path.of("/proc/self/stat"));
	}

	private static Ticks ticks(Path stat) {
		try {
			String line = Files.readString(stat);
			int open = line.indexOf('(');
			int close = line.lastIndexOf(')');
			String[] fields = line.substring(close + 2).split(" ");
			// fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
			return new Ticks(line.substring(open + 1, close), Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
					Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
		}
		catch (IOException | RuntimeException gone) {
			return Ticks.NONE;
		}
	}

	/**
	 * @return the CPU ticks of a process and all its descendants; 0 for pid 0.
	 */
	public static long ticksOfTree(long pid) {
		if (pid <= 0) {
			return 0;
		}
		return ProcessHandle.of(pid)
				.map(root -> ticks(root.pid()).own()
						+ root.descendants().mapToLong(child -> ticks(child.pid()).own()).sum())
				.orElse(0L);
	}

	/**
	 * @return the parent of a process, 0 if it is gone.
	 */
	public static long parent(long pid) {
		try {
			String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return Long.parseLong(line.substring(line.lastIndexOf(')') + 2).split(" ")[1]);
		}
		catch (IOException | RuntimeException gone) {
			return 0;
		}
	}

	/**
	 * @return busy and total ticks of the whole machine, from the first line of {@code /proc/stat}.
	 */
	public static long[] machineTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < Math.min(fields.length, 9); i++) {
				total += Long.parseLong(fields[i]);
			}
			long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
			return new long[] { total - idle, total };
		}
		catch (IOException | RuntimeException e) {
			return new long[] { 0, 0 };
		}
	}

	/**
	 * @return {@code VmRSS} of the process in bytes.
	 */
	public static OptionalLong residentBytes(long pid) {
		return kilobytes(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
	}

	/**
	 * @return {@code Pss} of the process in bytes: its resident memory with shared pages divided among their users.
	 */
	public static OptionalLong proportionalBytes(long pid) {
		return kilobytes(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
	}

	/**
	 * @return the proportional set size of a process and all its descendants in bytes.
	 */
	public static long proportionalBytesOfTree(long pid) {
		return ProcessHandle.of(pid)
				.map(root -> proportionalBytes(root.pid()).orElse(0)
						+ root.descendants().mapToLong(child -> proportionalBytes(child.pid()).orElse(0)).sum())
				.orElse(0L);
	}

	private static OptionalLong kilobytes(Path file, String key) {
		try {
			List<String> lines = Files.readAllLines(file);
			for (String line : lines) {
				if (line.startsWith(key)) {
					return OptionalLong.of(Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) * 1024);
				}
			}
			return OptionalLong.empty();
		}
		catch (IOException | RuntimeException gone) {
			return OptionalLong.empty();
		}
	}
}

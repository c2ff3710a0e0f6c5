package io.switchboard.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the report says about where it was made: the machine, the JDK and the commit.
 */
record Machine(int cores, String cpu, long memoryBytes, String os, String jdk, String commit, String wrkVersion) {

	static Machine describe(Path basedir) {
		String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name", ':', "unknown CPU");
		long memory = 0;
		String total = firstValue(Path.of("/proc/meminfo"), "MemTotal", ':', "0 kB");
		try {
			memory = Long.parseLong(total.split("\\s+")[0]) * 1024;
		}
		catch (NumberFormatException ignored) {
			memory = 0;
		}
		String os = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", '=', "").replace("\"", "")
				+ ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch");
		String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.name") + " "
				+ System.getProperty("java.runtime.version") + " (" + System.getProperty("java.home") + ")";
		String commit = run(basedir, "git", "rev-parse", "--short=12", "HEAD");
		if (commit.isEmpty()) {
			commit = "unknown (not a git checkout)";
		}
		else if (!run(basedir, "git", "status", "--porcelain", "--untracked-files=no").isEmpty()) {
			commit += " with uncommitted changes";
		}
		String wrk = run(basedir, "wrk", "--version");
		return new Machine(Runtime.getRuntime().availableProcessors(), cpu, memory, os, jdk, commit,
				wrk.lines().findFirst().orElse("").replaceAll("\\s*\\[.*", "").strip());
	}

	String memory() {
		return String.format(Locale.ROOT, "%.1f GiB", memoryBytes / (1024.0 * 1024 * 1024));
	}

	private static String firstValue(Path file, String key, char separator, String fallback) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			for (String line : lines) {
				if (line.startsWith(key)) {
					return line.substring(line.indexOf(separator) + 1).strip();
				}
			}
		}
		catch (IOException ignored) {
			return fallback;
		}
		return fallback;
	}

	private static String run(Path dir, String... command) {
		try {
			Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return "";
			}
			return process.exitValue() == 0 || command[0].equals("wrk") ? output : "";
		}
		catch (IOException e) {
			return "";
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "";
		}
	}
}

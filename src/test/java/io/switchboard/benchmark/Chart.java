package io.switchboard.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the report's chart as a self-contained SVG: on the left the acknowledgement and relay latency percentiles at
 * each fixed rate, on the right the throughput ceilings of the reference endpoints and the webhooks per backend, both
 * on log scales (clipped at their top) with the goals as dashed lines.
 */
final class Chart {

	private static final String[] SERIES_COLOURS = { "#9ecae1", "#3182bd", "#fdae6b", "#e6550d" };
	private static final String[] BACKEND_COLOURS = { "#31a354", "#756bb1", "#d6616b" };
	private static final int WIDTH = 1000;
	private static final int HEIGHT = 490;
	private static final int TOP = 60;
	private static final int BOTTOM = 380;

	private final StringBuilder svg = new StringBuilder();

	private Chart() {}

	static String render(List<Results> runs) {
		Chart chart = new Chart();
		chart.svg.append("""
				<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" \
				font-family="Helvetica, Arial, sans-serif" font-size="12">
				<rect width="100%%" height="100%%" fill="white"/>
				""".formatted(WIDTH, HEIGHT, WIDTH, HEIGHT));
		chart.latencies(runs);
		chart.ceilings(runs);
		chart.svg.append("</svg>\n");
		return chart.svg.toString();
	}

	private record Group(String label, Latency ack, Latency relay) {}

	private void latencies(List<Results> runs) {
		int left = 70;
		int right = 480;
		text(left + (right - left) / 2, 25, "Latency at fixed rates (ms, log scale)", "middle", 15, "bold");
		List<Group> groups = new ArrayList<>();
		Results first = runs.getFirst();
		if (first.referenceOpenLoop != null) {
			groups.add(new Group("reference 1,000/s", first.referenceOpenLoop.ack(), Latency.NONE));
		}
		for (Results run : runs) {
			String suffix = runs.size() > 1 ? " " + shortName(run) : "";
			run.inbound.forEach((rate, fixed) -> groups.add(new Group("in " + rate + "/s" + suffix, fixed.ack(),
					fixed.relay())));
			if (run.outboundRelay != null) {
				groups.add(new Group("out " + run.outboundRelay.rate() + "/s" + suffix, run.outboundRelay.ack(),
						run.outboundRelay.relay()));
			}
			if (run.outboundAck != null) {
				groups.add(new Group("out 1,000/s" + suffix, run.outboundAck.ack(), Latency.NONE));
			}
		}
		double min = 0.1;
		double max = 100_000;
		for (double tick = min; tick <= max; tick *= 10) {
			double y = logY(tick, min, max);
			line(left, y, right, y, "#dddddd", 1, null);
			text(left - 6, y + 4, tick < 1 ? "0.1" : tick >= 1000 ? String.format(Locale.ROOT, "%.0f s", tick / 1000)
					: String.format(Locale.ROOT, "%.0f", tick), "end", 11, "normal");
		}
		double slot = (double) (right - left) / Math.max(1, groups.size());
		double bar = Math.min(16, (slot - 8) / 4);
		for (int g = 0; g < groups.size(); g++) {
			Group group = groups.get(g);
			double x0 = left + g * slot + (slot - 4 * bar) / 2;
			double[] values = { group.ack().p50(), group.ack().p99(), group.relay().p50(), group.relay().p99() };
			for (int s = 0; s < values.length; s++) {
				if (!Double.isNaN(values[s])) {
					double y = logY(Math.min(Math.max(values[s], min), max), min, max);
					rect(x0 + s * bar, y, bar - 1, BOTTOM - y, SERIES_COLOURS[s]);
				}
			}
			String label = group.label();
			svg.append("<text x=\"%s\" y=\"%s\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-35 %s %s)\">%s</text>\n"
					.formatted(num(left + g * slot + slot / 2), num(BOTTOM + 14), num(left + g * slot + slot / 2),
							num(BOTTOM + 14), escape(label)));
		}
		line(left, logY(25, min, max), right, logY(25, min, max), "#de2d26", 1.5, "6,4");
		line(left, logY(50, min, max), right, logY(50, min, max), "#a63603", 1.5, "2,3");
		line(left, BOTTOM, right, BOTTOM, "#333333", 1, null);
		String[] names = { "ack p50", "ack p99", "relay p50", "relay p99" };
		for (int s = 0; s < names.length; s++) {
			rect(left + s * 100, HEIGHT - 42, 12, 12, SERIES_COLOURS[s]);
			text(left + s * 100 + 16, HEIGHT - 32, names[s], "start", 11, "normal");
		}
		goalLegend(left, HEIGHT - 12, "#de2d26", "6,4", "ack p99 goal 25 ms");
		goalLegend(left + 200, HEIGHT - 12, "#a63603", "2,3", "relay p99 goal 50 ms");
	}

	private void ceilings(List<Results> runs) {
		int left = 590;
		int right = 980;
		text(left + (right - left) / 2, 25, "Throughput ceilings (requests/s, log scale)", "middle", 15, "bold");
		String[] categories = { "reference", "bad sig.", "inbound", "in, edge", "outbound", "out, edge" };
		double min = 100;
		double max = 100_000;
		for (double tick = min; tick <= max; tick *= 10) {
			double y = logY(tick, min, max);
			line(left, y, right, y, "#dddddd", 1, null);
			text(left - 6, y + 4, String.format(Locale.ROOT, "%,.0f", tick), "end", 11, "normal");
		}
		double slot = (double) (right - left) / categories.length;
		double bar = Math.min(30, (slot - 12) / runs.size());
		for (int r = 0; r < runs.size(); r++) {
			Results run = runs.get(r);
			double[] values = { rate(run.reference), rate(run.rejectedSignature), rate(run.inboundCeiling),
					rate(run.inboundCeilingEdgeOnly), rate(run.outboundCeiling), rate(run.outboundCeilingEdgeOnly) };
			for (int c = 0; c < categories.length; c++) {
				double v = values[c];
				if (Double.isNaN(v)) {
					continue;
				}
				double x = left + c * slot + (slot - runs.size() * bar) / 2 + r * bar;
				double y = logY(Math.min(Math.max(v, min), max), min, max);
				rect(x, y, bar - 2, BOTTOM - y, BACKEND_COLOURS[r % BACKEND_COLOURS.length]);
				double labelX = x + bar / 2 + 2;
				svg.append(("<text x=\"%s\" y=\"%s\" font-size=\"9\" text-anchor=\"start\" "
						+ "transform=\"rotate(-90 %s %s)\">%s</text>\n").formatted(num(labelX), num(y - 3), num(labelX),
								num(y - 3), String.format(Locale.ROOT, "%,.0f", v)));
			}
		}
		for (int c = 0; c < categories.length; c++) {
			text(left + c * slot + slot / 2, BOTTOM + 16, categories[c], "middle", 10, "normal");
		}
		double goal = logY(3000, min, max);
		line(left, goal, right, goal, "#de2d26", 1.5, "6,4");
		line(left, BOTTOM, right, BOTTOM, "#333333", 1, null);
		for (int r = 0; r < runs.size(); r++) {
			rect(left - 20 + r * 130, HEIGHT - 42, 12, 12, BACKEND_COLOURS[r % BACKEND_COLOURS.length]);
			text(left - 20 + r * 130 + 16, HEIGHT - 32, runs.get(r).name, "start", 10, "normal");
		}
		goalLegend(left, HEIGHT - 12, "#de2d26", "6,4", "ceiling goal 3,000/s (embedded defaults)");
	}

	private static String shortName(Results run) {
		return run.primary ? "E" : run.name.contains("RabbitMQ") ? "MQ" : "PG";
	}

	private static double rate(Results.CeilingRun run) {
		return run == null ? Double.NaN : run.result().perSecond();
	}

	private static double logY(double value, double min, double max) {
		return BOTTOM - (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) * (BOTTOM - TOP);
	}

	private void goalLegend(double x, double y, String colour, String dash, String label) {
		line(x, y - 4, x + 24, y - 4, colour, 1.5, dash);
		text(x + 30, y, label, "start", 11, "normal");
	}

	private void rect(double x, double y, double width, double height, String fill) {
		svg.append("<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>\n".formatted(num(x), num(y),
				num(Math.max(0, width)), num(Math.max(0, height)), fill));
	}

	private void line(double x1, double y1, double x2, double y2, String stroke, double width, String dash) {
		svg.append("<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"%s\"%s/>\n".formatted(
				num(x1), num(y1), num(x2), num(y2), stroke, num(width),
				dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
	}

	private void text(double x, double y, String content, String anchor, int size, String weight) {
		svg.append("<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>\n"
				.formatted(num(x), num(y), anchor, size, weight, escape(content)));
	}

	private static String num(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}
}

package io.switchboard.benchmark;

import io.switchboard.benchmark.Webhooks.Signed;
import io.switchboard.harness.AppProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The media phase: one customer's 100 MB document relayed from WhatsApp to Genesys. The Graph stand-in serves the
 * {@link Document}; a signed webhook names its media id; the application resolves it, downloads it with the tenant's
 * token, keeps it in its media store and hands Genesys a signed link, which the Genesys stand-in fetches whole and
 * checks against the document's SHA-256. Meanwhile the application's heap is sampled, from a reading after a full
 * collection on. The reference is a plain copy of the same bytes on the same machine: the harness downloading the
 * document from the Graph stand-in through loopback into a file.
 */
final class MediaRelay {

	/** The document's size: 100 MB. */
	static final long SIZE = 100_000_000L;
	static final String MEDIA_ID = "900000000000777";
	private static final Duration LIMIT = Duration.ofSeconds(120);

	private MediaRelay() {}

	static Results.Media run(AppProcess app, GraphStandIn graph, GenesysStandIn genesys, Webhooks webhooks,
			CpuMeter cpu, HttpClient http, Path dir) throws Exception {
		Document document = Document.generate(MEDIA_ID, "Benchmark_report.pdf", "application/pdf", SIZE, 100);
		graph.serve(document);
		Duration reference = plainCopy(graph.downloadUrl(document), dir.resolve("plain-copy.pdf"), http);
		Signed webhook = webhooks.document(document, 0);
		try (HeapSampler heap = HeapSampler.attach(app.pid())) {
			HeapSampler.Reading baseline = heap.afterCollection();
			var before = cpu.snapshot();
			heap.start(baseline);
			long sent = System.nanoTime();
			HttpResponse<Void> ack = http.send(Webhooks.request(app.url(Webhooks.WHATSAPP), webhook),
					HttpResponse.BodyHandlers.discarding());
			long acknowledged = System.nanoTime();
			Optional<GenesysStandIn.Fetched> fetched = Optional.empty();
			long giveUp = sent + LIMIT.toNanos();
			while (fetched.isEmpty() && System.nanoTime() < giveUp) {
				Thread.sleep(5);
				fetched = genesys.fetched(webhook.id());
			}
			HeapSampler.Reading peak = heap.stop();
			CpuMeter.Split split = cpu.since(before);
			HeapSampler.Reading after = heap.afterCollection();
			long served = graph.downloadServed(document.mediaId());
			return new Results.Media(document.size(), ack.statusCode(), Duration.ofNanos(acknowledged - sent),
					served == 0 ? null : Duration.ofNanos(served - sent),
					fetched.map(f -> Duration.ofNanos(f.received() - sent)).orElse(null),
					fetched.map(f -> Duration.ofNanos(f.finished() - sent)).orElse(null), reference,
					fetched.orElse(null), document.sha256Hex(), baseline, peak, after,
					peak.collections() - baseline.collections(), heap.peakAfterCollection(), heap.samples(), split);
		}
	}

	/**
	 * @return how long the document takes to download through loopback into a file, the faster of two tries.
	 */
	private static Duration plainCopy(URI url, Path file, HttpClient http) throws IOException, InterruptedException {
		Duration fastest = null;
		for (int attempt = 0; attempt < 2; attempt++) {
			long started = System.nanoTime();
			HttpResponse<Path> copy = http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer reference")
					.timeout(LIMIT).build(), HttpResponse.BodyHandlers.ofFile(file));
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			if (copy.statusCode() != 200 || Files.size(file) != SIZE) {
				throw new IOException("the plain copy answered " + copy.statusCode() + " with " + Files.size(file)
						+ " bytes");
			}
			fastest = fastest == null || took.compareTo(fastest) < 0 ? took : fastest;
		}
		Files.delete(file);
		return fastest;
	}
}

package io.switchboard.platform.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every webhook endpoint does before and after its platform's own rules, in one place: a {@code Content-Length}
 * over the endpoint's cap is refused unread (413); a request without a well-formed {@value #SIGNATURE} header is
 * refused before its body is read (401); the body is read within the in-flight budget of {@link WebhookBodies}; the
 * endpoint's {@link Intake} then chooses the secrets the signature is checked against, one HMAC each
 * ({@link Signed#signedWith(Secret)}), and takes the body in. Every request is counted once in
 * {@code switchboard.<webhook>.webhooks} under its outcome ({@code accepted}, {@code duplicate}, {@code unrouted}, or
 * the refusal's: {@code too_large}, {@code rejected}, {@code busy}...), every HMAC in
 * {@code switchboard.webhooks.signature-checks} tagged {@code webhook}, so that the cost of a webhook can be seen not
 * to grow with the number of tenants. A taken body is answered 200 with no body; a refusal with its problem.
 */
@Component
public class WebhookEdge {

	/** The header both platforms sign with: {@code sha256=} and the HMAC-SHA256 of the raw body. */
	public static final String SIGNATURE = "X-Hub-Signature-256";

	private static final Logger log = LoggerFactory.getLogger(WebhookEdge.class);

	private final Secret throwaway = Secret.of(UUID.randomUUID().toString());
	private final WebhookBodies bodies;
	private final MeterRegistry meters;

	WebhookEdge(WebhookBodies bodies, MeterRegistry meters) {
		this.bodies = bodies;
		this.meters = meters;
	}

	/**
	 * How a platform encodes the digest in {@value #SIGNATURE}.
	 */
	public enum Encoding {

		/** {@code sha256=<64 lowercase hex digits>}, as Meta signs. */
		HEX("64 lowercase hex digits", WebhookSignatures::hexDigest),

		/** {@code sha256=<base64>}, as Genesys Cloud signs. */
		BASE64("base64", WebhookSignatures::base64Digest);

		private final String form;
		private final Function<@Nullable String, byte @Nullable []> decoder;

		Encoding(String form, Function<@Nullable String, byte @Nullable []> decoder) {
			this.form = form;
			this.decoder = decoder;
		}
	}

	/**
	 * One webhook endpoint's rules.
	 *
	 * @param name names its counters ({@code switchboard.<name>.webhooks}) and its log lines, e.g. {@code whatsapp}.
	 * @param maxBodyBytes the largest body it takes.
	 * @param encoding how its platform encodes the signature.
	 */
	public record Endpoint(String name, long maxBodyBytes, Encoding encoding) {}

	/**
	 * An endpoint's own part: verify the body with the secrets it addresses and take it in.
	 */
	@FunctionalInterface
	public interface Intake {

		/**
		 * @return the outcome to count, e.g. {@code accepted} or {@code duplicate}.
		 * @throws WebhookRefused when the body is not taken in; nothing may have been stored.
		 */
		String take(Signed body);
	}

	/**
	 * A body in memory with the digest its sender presented.
	 */
	public final class Signed {

		private final String webhook;
		private final byte[] bytes;
		private final byte[] presented;

		private Signed(String webhook, byte[] bytes, byte[] presented) {
			this.webhook = webhook;
			this.bytes = bytes;
			this.presented = presented;
		}

		/**
		 * @return the body exactly as received.
		 */
		public byte[] bytes() {
			return bytes;
		}

		/**
		 * @return whether the presented digest is the HMAC-SHA256 of the body under {@code secret}: one HMAC,
		 *         compared in constant time, counted as one signature check.
		 */
		public boolean signedWith(Secret secret) {
			meters.counter("switchboard.webhooks.signature-checks", "webhook", webhook).increment();
			return WebhookSignatures.matches(bytes, presented, secret);
		}

		/**
		 * Refuses a body whose addressee has no secret (no active tenant owns it) after one HMAC under a key no
		 * sender knows, so that refusing it costs what refusing a wrong signature costs.
		 *
		 * @param outcome the outcome to count, e.g. {@code unknown_integration}.
		 * @return the refusal to throw.
		 */
		public WebhookRefused refusedWithoutSecret(String outcome) {
			signedWith(throwaway);
			return WebhookRefused.invalidSignature(outcome);
		}
	}

	/**
	 * Takes one webhook request through the cap, the signature header, the budget and the endpoint's intake.
	 */
	public ResponseEntity<?> receive(Endpoint endpoint, HttpServletRequest request, Intake intake) {
		String outcome;
		try {
			if (request.getContentLengthLong() > endpoint.maxBodyBytes()) {
				throw WebhookBodies.tooLarge(endpoint.maxBodyBytes());
			}
			byte[] presented = endpoint.encoding().decoder.apply(request.getHeader(SIGNATURE));
			if (presented == null) {
				log.info("{} webhook refused: {} is missing or not sha256=<{}>", endpoint.name(), SIGNATURE,
						endpoint.encoding().form);
				throw WebhookRefused.invalidSignature("rejected");
			}
			try (WebhookBodies.Body body = bodies.read(request, endpoint.maxBodyBytes())) {
				outcome = intake.take(new Signed(endpoint.name(), body.bytes(), presented));
			}
		}
		catch (WebhookRefused refused) {
			count(endpoint, refused.outcome());
			return refused.answer();
		}
		count(endpoint, outcome);
		return ResponseEntity.ok().build();
	}

	private void count(Endpoint endpoint, String outcome) {
		meters.counter("switchboard." + endpoint.name() + ".webhooks", "outcome", outcome.toLowerCase(Locale.ROOT))
				.increment();
	}
}

package io.switchboard.whatsapp.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.platform.DuplicateJsonKey;
import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;
import io.switchboard.platform.web.Problems;
import io.switchboard.platform.web.WebhookBodies;
import io.switchboard.platform.web.WebhookRefused;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.MalformedWebhook;
import io.switchboard.whatsapp.WebhookNotification;
import io.switchboard.whatsapp.WhatsAppWebhooks;
import jakarta.servlet.http.HttpServletRequest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint Meta calls ({@code /webhook/whatsapp}): the verification handshake, and notifications. A notification
 * without a well-formed {@code X-Hub-Signature-256} is refused before its body is read; the body is read within the
 * in-flight budget of {@link WebhookBodies}; the numbers it addresses are read from the raw bytes
 * ({@link Addressing}) and the signature is checked once per distinct app secret of the addressed tenants, never
 * against every tenant's. Only then is it parsed, stored and acknowledged by {@link WebhookIntake}. A notification
 * that addresses no configured number is acknowledged, counted as unrouted and not stored if a configured app signed
 * it. Every signature refusal is the same answer ({@link WebhookRefused#invalidSignature(String)}), whatever its
 * reason; the log tells them apart.
 */
@Hidden
@RestController
class WhatsAppWebhookController {

	private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);
	private static final String SIGNATURE = "X-Hub-Signature-256";

	private final Tenants tenants;
	private final WebhookIntake intake;
	private final WhatsAppWebhookSettings settings;
	private final WebhookBodies bodies;
	private final MeterRegistry meters;

	WhatsAppWebhookController(Tenants tenants, WebhookIntake intake, WhatsAppWebhookSettings settings,
			WebhookBodies bodies, MeterRegistry meters) {
		this.tenants = tenants;
		this.intake = intake;
		this.settings = settings;
		this.bodies = bodies;
		this.meters = meters;
	}

	@GetMapping("/webhook/whatsapp")
	ResponseEntity<?> verify(@RequestParam(name = "hub.mode", required = false) String mode,
			@RequestParam(name = "hub.verify_token", required = false) String token,
			@RequestParam(name = "hub.challenge", required = false) String challenge) {
		boolean known = tenants.all().stream().anyMatch(t -> t.whatsapp().verifyToken().matches(token));
		if (!"subscribe".equals(mode) || challenge == null || !known) {
			return problem(HttpStatus.FORBIDDEN, "verification-refused",
					"hub.mode must be 'subscribe' and hub.verify_token a configured verify token.");
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
	}

	@PostMapping("/webhook/whatsapp")
	ResponseEntity<?> receive(HttpServletRequest request) {
		long limit = settings.maxBodySize().toBytes();
		if (request.getContentLengthLong() > limit) {
			return rejected("too_large", HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
					"Webhook bodies may be at most " + limit + " bytes.");
		}
		try {
			byte[] presented = WebhookSignatures.hexDigest(request.getHeader(SIGNATURE));
			if (presented == null) {
				log.info("Webhook refused: X-Hub-Signature-256 is missing or not sha256=<64 lowercase hex digits>");
				throw WebhookRefused.invalidSignature("rejected");
			}
			try (WebhookBodies.Body body = bodies.read(request, limit)) {
				return receive(body, presented);
			}
		}
		catch (WebhookRefused refused) {
			meters.counter("switchboard.whatsapp.webhooks", "outcome", refused.outcome()).increment();
			return refused.answer();
		}
	}

	private ResponseEntity<?> receive(WebhookBodies.Body body, byte[] presented) throws WebhookRefused {
		Addressing addressing;
		try {
			addressing = Addressing.scan(body.bytes());
		}
		catch (MalformedWebhook e) {
			return malformed(e);
		}
		Set<Secret> addressed = secretsOf(addressing);
		Set<Secret> verified = addressed.isEmpty() ? Set.of(verifiedUnaddressed(body, presented, addressing))
				: verified(body, presented, addressed, addressing);
		WebhookNotification notification;
		try {
			notification = WhatsAppWebhooks.parse(body.bytes());
		}
		catch (MalformedWebhook e) {
			return malformed(e);
		}
		catch (DuplicateJsonKey e) {
			log.warn("Verified webhook refused: an object in it gives a key twice");
			throw WebhookRefused.invalidWebhook(WebhookRefused.DUPLICATE_KEY);
		}
		try {
			WebhookIntake.Outcome outcome = intake.accept(body.bytes(), notification, verified);
			meters.counter("switchboard.whatsapp.webhooks", "outcome", outcome.name().toLowerCase()).increment();
			return ResponseEntity.ok().build();
		}
		catch (WebhookIntake.NothingValid e) {
			throw WebhookRefused.invalidWebhook(e.getMessage());
		}
		catch (WebhookIntake.ForeignSignature e) {
			log.warn("Webhook refused: phone_number_id {} was not verified with its tenant's app secret",
					e.phoneNumberId());
			throw WebhookRefused.invalidSignature("rejected");
		}
	}

	/**
	 * @return the addressed tenants' secrets, every one of which the signature matches.
	 */
	private Set<Secret> verified(WebhookBodies.Body body, byte[] presented, Set<Secret> secrets, Addressing addressing)
			throws WebhookRefused {
		for (Secret secret : secrets) {
			if (!bodies.verify("whatsapp", body, presented, secret)) {
				log.warn("Webhook refused: the signature does not match the app secret of every addressed number "
						+ "(phone_number_id {}, WABA {})", addressing.phoneNumberIds(), addressing.wabaIds());
				throw WebhookRefused.invalidSignature("rejected");
			}
		}
		return secrets;
	}

	/**
	 * A notification that addresses no configured number (one removed from the configuration but still subscribed,
	 * or a forgery) is checked against the app secrets of the active tenants when there are at most
	 * {@link WhatsAppWebhookSettings#unaddressedChecks()} of them, else refused after one HMAC: either way it is
	 * answered like a wrong signature unless a configured app signed it.
	 *
	 * @return the secret that signed it.
	 */
	private Secret verifiedUnaddressed(WebhookBodies.Body body, byte[] presented, Addressing addressing)
			throws WebhookRefused {
		int most = settings.unaddressedChecks();
		List<Secret> apps = tenants.all().stream().map(tenant -> tenant.whatsapp().appSecret()).distinct()
				.limit(most + 1L).toList();
		if (apps.isEmpty() || apps.size() > most) {
			bodies.checkWithoutSecret("whatsapp", body, presented);
		}
		else {
			for (Secret app : apps) {
				if (bodies.verify("whatsapp", body, presented, app)) {
					return app;
				}
			}
		}
		log.warn("Webhook refused: it addresses no configured number (phone_number_id {}, WABA {}) and no configured "
				+ "app signed it", addressing.phoneNumberIds(), addressing.wabaIds());
		throw WebhookRefused.invalidSignature("unaddressed");
	}

	/**
	 * @return the distinct app secrets of the tenants the notification addresses: one HMAC each, however many
	 *         tenants are configured.
	 */
	private Set<Secret> secretsOf(Addressing addressing) {
		Set<Secret> secrets = new LinkedHashSet<>();
		addressing.phoneNumberIds().forEach(id -> tenants.byPhoneNumberId(id)
				.ifPresent(tenant -> secrets.add(tenant.whatsapp().appSecret())));
		addressing.wabaIds().forEach(id -> tenants.byWabaId(id)
				.ifPresent(tenant -> secrets.add(tenant.whatsapp().appSecret())));
		return secrets;
	}

	private ResponseEntity<ProblemDetail> malformed(MalformedWebhook e) {
		return rejected("malformed", HttpStatus.BAD_REQUEST, "malformed-webhook",
				"The body is not a WhatsApp webhook notification: " + e.getMessage());
	}

	private ResponseEntity<ProblemDetail> rejected(String outcome, HttpStatus status, String type, String detail) {
		meters.counter("switchboard.whatsapp.webhooks", "outcome", outcome).increment();
		return problem(status, type, detail);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(type, status, detail));
	}
}

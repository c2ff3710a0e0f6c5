package io.switchboard.whatsapp.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
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
 * that addresses no configured number cannot be verified: it is acknowledged, counted as unrouted and not stored.
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
		byte[] presented = WebhookSignatures.hexDigest(request.getHeader(SIGNATURE));
		if (presented == null) {
			return rejected("rejected", HttpStatus.UNAUTHORIZED, "invalid-signature",
					"X-Hub-Signature-256 is missing or is not sha256=<64 lowercase hex digits>.");
		}
		try (WebhookBodies.Body body = bodies.read(request, limit)) {
			return receive(body, presented);
		}
		catch (WebhookRefused refused) {
			meters.counter("switchboard.whatsapp.webhooks", "outcome", refused.outcome()).increment();
			return refused.answer();
		}
	}

	private ResponseEntity<?> receive(WebhookBodies.Body body, byte[] presented) {
		Addressing addressing;
		try {
			addressing = Addressing.scan(body.bytes());
		}
		catch (MalformedWebhook e) {
			return malformed(e);
		}
		Set<Secret> secrets = secretsOf(addressing);
		if (secrets.isEmpty()) {
			int count = Math.max(1, addressing.phoneNumberIds().size() + addressing.wabaIds().size());
			meters.counter("switchboard.whatsapp.webhook.items", "outcome", "unrouted").increment(count);
			meters.counter("switchboard.whatsapp.webhooks", "outcome", "unrouted").increment();
			log.warn("Webhook for no configured number (phone_number_id {}, WABA {}) acknowledged unverified and dropped",
					addressing.phoneNumberIds(), addressing.wabaIds());
			return ResponseEntity.ok().build();
		}
		for (Secret secret : secrets) {
			if (!bodies.verify("whatsapp", body, presented, secret)) {
				return rejected("rejected", HttpStatus.UNAUTHORIZED, "invalid-signature",
						"X-Hub-Signature-256 does not match the body under the app secret of every addressed number.");
			}
		}
		WebhookNotification notification;
		try {
			notification = WhatsAppWebhooks.parse(body.bytes());
		}
		catch (MalformedWebhook e) {
			return malformed(e);
		}
		try {
			WebhookIntake.Outcome outcome = intake.accept(body.bytes(), notification, secrets);
			meters.counter("switchboard.whatsapp.webhooks", "outcome", outcome.name().toLowerCase()).increment();
			return ResponseEntity.ok().build();
		}
		catch (WebhookIntake.ForeignSignature e) {
			log.warn("Webhook for phone_number_id {} was not verified with its tenant's app secret", e.phoneNumberId());
			return rejected("rejected", HttpStatus.UNAUTHORIZED, "invalid-signature",
					"X-Hub-Signature-256 does not match the app secret of the addressed number.");
		}
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

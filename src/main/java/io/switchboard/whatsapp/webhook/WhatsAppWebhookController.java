package io.switchboard.whatsapp.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;
import io.switchboard.platform.web.Problems;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.MalformedWebhook;
import io.switchboard.whatsapp.WebhookNotification;
import io.switchboard.whatsapp.WhatsAppWebhooks;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Optional;
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
 * The endpoint Meta calls ({@code /webhook/whatsapp}): the verification handshake, and notifications, which are
 * checked against the app secrets of the configured tenants over the raw bytes before anything is parsed, then stored
 * and acknowledged by {@link WebhookIntake}.
 */
@Hidden
@RestController
class WhatsAppWebhookController {

	private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);
	private static final String SIGNATURE = "X-Hub-Signature-256";

	private final Tenants tenants;
	private final WebhookIntake intake;
	private final WhatsAppWebhookSettings settings;
	private final MeterRegistry meters;

	WhatsAppWebhookController(Tenants tenants, WebhookIntake intake, WhatsAppWebhookSettings settings,
			MeterRegistry meters) {
		this.tenants = tenants;
		this.intake = intake;
		this.settings = settings;
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
	ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
		long limit = settings.maxBodySize().toBytes();
		if (request.getContentLengthLong() > limit) {
			return rejected("too_large", HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
					"Webhook bodies may be at most " + limit + " bytes.");
		}
		byte[] body = readAtMost(request.getInputStream(), limit + 1);
		if (body.length > limit) {
			return rejected("too_large", HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
					"Webhook bodies may be at most " + limit + " bytes.");
		}
		String signature = request.getHeader(SIGNATURE);
		Optional<Secret> signer = signerOf(body, signature);
		if (signer.isEmpty()) {
			return rejected("rejected", HttpStatus.UNAUTHORIZED, "invalid-signature",
					"X-Hub-Signature-256 is missing or does not match the body.");
		}
		WebhookNotification notification;
		try {
			notification = WhatsAppWebhooks.parse(body);
		}
		catch (MalformedWebhook e) {
			return rejected("malformed", HttpStatus.BAD_REQUEST, "malformed-webhook",
					"The body is not a WhatsApp webhook notification: " + e.getMessage());
		}
		try {
			WebhookIntake.Outcome outcome = intake.accept(body, notification, signer.get());
			meters.counter("switchboard.whatsapp.webhooks", "outcome", outcome.name().toLowerCase()).increment();
			return ResponseEntity.ok().build();
		}
		catch (WebhookIntake.ForeignSignature e) {
			log.warn("Webhook for phone_number_id {} was signed with another tenant's app secret", e.phoneNumberId());
			return rejected("rejected", HttpStatus.UNAUTHORIZED, "invalid-signature",
					"X-Hub-Signature-256 does not match the app secret of the addressed number.");
		}
	}

	private Optional<Secret> signerOf(byte[] body, String signature) {
		if (signature == null) {
			return Optional.empty();
		}
		Set<Secret> secrets = new LinkedHashSet<>();
		for (Tenant tenant : tenants.all()) {
			secrets.add(tenant.whatsapp().appSecret());
		}
		return secrets.stream().filter(secret -> WebhookSignatures.matchesHex(body, signature, secret)).findFirst();
	}

	private ResponseEntity<ProblemDetail> rejected(String outcome, HttpStatus status, String type, String detail) {
		meters.counter("switchboard.whatsapp.webhooks", "outcome", outcome).increment();
		return problem(status, type, detail);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(type, status, detail));
	}

	private static byte[] readAtMost(InputStream in, long max) throws IOException {
		return in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
	}
}

package io.switchboard.genesys.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.genesys.GenesysOutboundMessage;
import io.switchboard.genesys.GenesysWebhooks;
import io.switchboard.genesys.MalformedGenesysWebhook;
import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;
import io.switchboard.platform.web.Problems;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint Genesys Cloud calls with agents' messages and receipts ({@code /webhook/genesys/outbound}; the seed's
 * {@code /webhook/genesys/events} is the same endpoint). The base64 HMAC-SHA256 in {@code X-Hub-Signature-256} is
 * checked against the integrations' webhook secrets over the raw bytes before parsing; a message for an integration
 * no tenant owns is refused. Work is stored by {@link GenesysWebhookIntake} and acknowledged well inside Genesys's
 * 10-second budget; what WhatsApp later does with it reaches Genesys as a receipt, never as an error here.
 */
@Hidden
@RestController
class GenesysWebhookController {

	private static final Logger log = LoggerFactory.getLogger(GenesysWebhookController.class);
	private static final int MAX_BODY = 1024 * 1024;

	private final Tenants tenants;
	private final GenesysWebhookIntake intake;
	private final MeterRegistry meters;

	GenesysWebhookController(Tenants tenants, GenesysWebhookIntake intake, MeterRegistry meters) {
		this.tenants = tenants;
		this.intake = intake;
		this.meters = meters;
	}

	@PostMapping({ "/webhook/genesys/outbound", "/webhook/genesys/events" })
	ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY) {
			return rejected("too_large", HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
					"Genesys webhook bodies may be at most " + MAX_BODY + " bytes.");
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			return rejected("too_large", HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
					"Genesys webhook bodies may be at most " + MAX_BODY + " bytes.");
		}
		Optional<Secret> signer = signerOf(body, request.getHeader("X-Hub-Signature-256"));
		if (signer.isEmpty()) {
			return rejected("rejected", HttpStatus.UNAUTHORIZED, "invalid-signature",
					"X-Hub-Signature-256 is missing or is not the base64 HMAC-SHA256 of the body.");
		}
		GenesysOutboundMessage message;
		try {
			message = GenesysWebhooks.parse(body);
		}
		catch (MalformedGenesysWebhook e) {
			return rejected("malformed", HttpStatus.BAD_REQUEST, "malformed-webhook",
					"The body is not a Genesys Open Messaging message: " + e.getMessage());
		}
		Optional<Tenant> tenant = tenants.byIntegrationId(message.integrationId());
		if (tenant.isEmpty()) {
			log.warn("Genesys webhook for unknown integration {} refused", message.integrationId());
			return rejected("unknown_integration", HttpStatus.FORBIDDEN, "unknown-integration",
					"No tenant owns Open Messaging integration " + message.integrationId() + ".");
		}
		if (!tenant.get().genesys().webhookSecret().equals(signer.get())) {
			return rejected("rejected", HttpStatus.UNAUTHORIZED, "invalid-signature",
					"X-Hub-Signature-256 does not match the secret of the addressed integration.");
		}
		boolean fresh = intake.accept(tenant.get(), message, body);
		meters.counter("switchboard.genesys.webhooks", "outcome", fresh ? "accepted" : "duplicate").increment();
		return ResponseEntity.ok().build();
	}

	private Optional<Secret> signerOf(byte[] body, String signature) {
		if (signature == null) {
			return Optional.empty();
		}
		Set<Secret> secrets = new LinkedHashSet<>();
		for (Tenant tenant : tenants.all()) {
			secrets.add(tenant.genesys().webhookSecret());
		}
		return secrets.stream().filter(secret -> WebhookSignatures.matchesBase64(body, signature, secret)).findFirst();
	}

	private ResponseEntity<ProblemDetail> rejected(String outcome, HttpStatus status, String type, String detail) {
		meters.counter("switchboard.genesys.webhooks", "outcome", outcome).increment();
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(type, status, detail));
	}
}

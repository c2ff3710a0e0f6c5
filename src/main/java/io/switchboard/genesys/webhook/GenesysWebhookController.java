package io.switchboard.genesys.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.genesys.GenesysOutboundMessage;
import io.switchboard.genesys.GenesysWebhooks;
import io.switchboard.genesys.MalformedGenesysWebhook;
import io.switchboard.platform.DuplicateJsonKey;
import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;
import io.switchboard.platform.web.Problems;
import io.switchboard.platform.web.WebhookBodies;
import io.switchboard.platform.web.WebhookRefused;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;
import jakarta.servlet.http.HttpServletRequest;

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
 * {@code /webhook/genesys/events} is the same endpoint). A request without a well-formed {@code X-Hub-Signature-256}
 * is refused before its body is read; the body is read within the in-flight budget of {@link WebhookBodies}; the
 * integration it names ({@code channel.id}, read from the raw bytes by {@link Integrations}) chooses the one webhook
 * secret the base64 HMAC-SHA256 is checked against, before parsing. A message for an integration no active tenant owns
 * is refused like a wrong signature: every signature refusal is the same answer
 * ({@link WebhookRefused#invalidSignature(String)}), whatever its reason; the log tells them apart. A verified message
 * without an id or a customer, or with an id longer than {@link io.switchboard.platform.Identifiers#MAX_LENGTH}, is
 * refused 400 {@code invalid-webhook} and not stored. Work is stored by {@link GenesysWebhookIntake} and acknowledged
 * well inside Genesys's 10-second budget; what WhatsApp later does with it reaches Genesys as a receipt, never as an
 * error here.
 */
@Hidden
@RestController
class GenesysWebhookController {

	private static final Logger log = LoggerFactory.getLogger(GenesysWebhookController.class);
	private static final int MAX_BODY = 1024 * 1024;

	private final Tenants tenants;
	private final GenesysWebhookIntake intake;
	private final WebhookBodies bodies;
	private final MeterRegistry meters;

	GenesysWebhookController(Tenants tenants, GenesysWebhookIntake intake, WebhookBodies bodies,
			MeterRegistry meters) {
		this.tenants = tenants;
		this.intake = intake;
		this.bodies = bodies;
		this.meters = meters;
	}

	@PostMapping({ "/webhook/genesys/outbound", "/webhook/genesys/events" })
	ResponseEntity<?> receive(HttpServletRequest request) {
		if (request.getContentLengthLong() > MAX_BODY) {
			return rejected("too_large", HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
					"Genesys webhook bodies may be at most " + MAX_BODY + " bytes.");
		}
		try {
			byte[] presented = WebhookSignatures.base64Digest(request.getHeader("X-Hub-Signature-256"));
			if (presented == null) {
				log.info("Genesys webhook refused: X-Hub-Signature-256 is missing or not sha256=<base64>");
				throw WebhookRefused.invalidSignature("rejected");
			}
			try (WebhookBodies.Body body = bodies.read(request, MAX_BODY)) {
				return receive(body, presented);
			}
		}
		catch (WebhookRefused refused) {
			meters.counter("switchboard.genesys.webhooks", "outcome", refused.outcome()).increment();
			return refused.answer();
		}
	}

	private ResponseEntity<?> receive(WebhookBodies.Body body, byte[] presented) throws WebhookRefused {
		Set<String> named;
		try {
			named = Integrations.named(body.bytes());
		}
		catch (MalformedGenesysWebhook e) {
			return malformed(e);
		}
		Set<Secret> secrets = verified(body, presented, named);
		GenesysOutboundMessage message;
		try {
			message = GenesysWebhooks.parse(body.bytes());
		}
		catch (MalformedGenesysWebhook e) {
			return malformed(e);
		}
		catch (DuplicateJsonKey e) {
			log.warn("Verified Genesys webhook refused: an object in it gives a key twice");
			throw WebhookRefused.invalidWebhook(WebhookRefused.DUPLICATE_KEY);
		}
		Optional<Tenant> tenant = tenants.byIntegrationId(message.integrationId());
		if (tenant.isEmpty() || !secrets.contains(tenant.get().genesys().webhookSecret())) {
			log.warn("Genesys webhook refused: integration {} was not verified with its tenant's webhook secret",
					message.integrationId());
			throw WebhookRefused.invalidSignature("rejected");
		}
		String defect = message.defect();
		if (defect != null) {
			log.warn("Verified Genesys webhook of tenant {} refused: {}", tenant.get().id(), defect);
			throw WebhookRefused.invalidWebhook("The message cannot be taken in: " + defect + ". Nothing was stored.");
		}
		boolean fresh = intake.accept(tenant.get(), message, body.bytes());
		meters.counter("switchboard.genesys.webhooks", "outcome", fresh ? "accepted" : "duplicate").increment();
		return ResponseEntity.ok().build();
	}

	/**
	 * @return the webhook secrets of the integrations named, every one of which the signature matches. A body that
	 *         names an integration no active tenant owns, or none, costs one HMAC under a throwaway key and is refused
	 *         like a wrong signature.
	 */
	private Set<Secret> verified(WebhookBodies.Body body, byte[] presented, Set<String> named) throws WebhookRefused {
		Set<Secret> secrets = new LinkedHashSet<>();
		for (String integration : named) {
			Optional<Tenant> owner = tenants.byIntegrationId(integration);
			if (owner.isEmpty()) {
				bodies.checkWithoutSecret("genesys", body, presented);
				log.warn("Genesys webhook refused: no active tenant owns integration {}", integration);
				throw WebhookRefused.invalidSignature("unknown_integration");
			}
			secrets.add(owner.get().genesys().webhookSecret());
		}
		if (secrets.isEmpty()) {
			bodies.checkWithoutSecret("genesys", body, presented);
			log.warn("Genesys webhook refused: it names no integration (channel.id)");
			throw WebhookRefused.invalidSignature("unknown_integration");
		}
		for (Secret secret : secrets) {
			if (!bodies.verify("genesys", body, presented, secret)) {
				log.warn("Genesys webhook refused: the signature does not match the webhook secret of integration {}",
						named);
				throw WebhookRefused.invalidSignature("rejected");
			}
		}
		return secrets;
	}

	private ResponseEntity<ProblemDetail> malformed(MalformedGenesysWebhook e) {
		return rejected("malformed", HttpStatus.BAD_REQUEST, "malformed-webhook",
				"The body is not a Genesys Open Messaging message: " + e.getMessage());
	}

	private ResponseEntity<ProblemDetail> rejected(String outcome, HttpStatus status, String type, String detail) {
		meters.counter("switchboard.genesys.webhooks", "outcome", outcome).increment();
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(type, status, detail));
	}
}

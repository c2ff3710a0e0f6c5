package io.switchboard.genesys.webhook;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.genesys.GenesysOutboundMessage;
import io.switchboard.genesys.GenesysWebhooks;
import io.switchboard.genesys.MalformedGenesysWebhook;
import io.switchboard.platform.DuplicateJsonKey;
import io.switchboard.platform.Secret;
import io.switchboard.platform.web.WebhookEdge;
import io.switchboard.platform.web.WebhookRefused;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;
import jakarta.servlet.http.HttpServletRequest;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint Genesys Cloud calls with agents' messages and receipts ({@code /webhook/genesys/outbound}; the seed's
 * {@code /webhook/genesys/events} is the same endpoint). The cap, the {@code X-Hub-Signature-256} header (base64),
 * the in-flight budget and the counters are {@link WebhookEdge}'s; here the integration the body names
 * ({@code channel.id}, read from the raw bytes by {@link Integrations}) chooses the one webhook secret the HMAC is
 * checked against, before parsing. A message for an integration no active tenant owns is refused like a wrong
 * signature: every signature refusal is the same answer ({@link WebhookRefused#invalidSignature(String)}), whatever
 * its reason; the log tells them apart. A verified message without an id or a customer, or with an id longer than
 * {@link io.switchboard.platform.Identifiers#MAX_LENGTH}, is refused 400 {@code invalid-webhook} and not stored. Work
 * is stored by {@link GenesysWebhookIntake} and acknowledged well inside Genesys's 10-second budget; what WhatsApp
 * later does with it reaches Genesys as a receipt, never as an error here.
 */
@Hidden
@RestController
class GenesysWebhookController {

	private static final Logger log = LoggerFactory.getLogger(GenesysWebhookController.class);
	private static final WebhookEdge.Endpoint ENDPOINT = new WebhookEdge.Endpoint("genesys", 1024 * 1024,
			WebhookEdge.Encoding.BASE64);

	private final Tenants tenants;
	private final GenesysWebhookIntake intake;
	private final WebhookEdge edge;

	GenesysWebhookController(Tenants tenants, GenesysWebhookIntake intake, WebhookEdge edge) {
		this.tenants = tenants;
		this.intake = intake;
		this.edge = edge;
	}

	@PostMapping({ "/webhook/genesys/outbound", "/webhook/genesys/events" })
	ResponseEntity<?> receive(HttpServletRequest request) {
		return edge.receive(ENDPOINT, request, this::take);
	}

	private String take(WebhookEdge.Signed body) {
		Set<String> named;
		try {
			named = Integrations.named(body.bytes());
		}
		catch (MalformedGenesysWebhook e) {
			throw malformed(e);
		}
		Set<Secret> secrets = verified(body, named);
		GenesysOutboundMessage message;
		try {
			message = GenesysWebhooks.parse(body.bytes());
		}
		catch (MalformedGenesysWebhook e) {
			throw malformed(e);
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
		return intake.accept(tenant.get(), message, body.bytes()) ? "accepted" : "duplicate";
	}

	/**
	 * @return the webhook secrets of the integrations named, every one of which the signature matches. A body that
	 *         names an integration no active tenant owns, or none, costs one HMAC under a throwaway key and is refused
	 *         like a wrong signature.
	 */
	private Set<Secret> verified(WebhookEdge.Signed body, Set<String> named) {
		Set<Secret> secrets = new LinkedHashSet<>();
		for (String integration : named) {
			Optional<Tenant> owner = tenants.byIntegrationId(integration);
			if (owner.isEmpty()) {
				log.warn("Genesys webhook refused: no active tenant owns integration {}", integration);
				throw body.refusedWithoutSecret("unknown_integration");
			}
			secrets.add(owner.get().genesys().webhookSecret());
		}
		if (secrets.isEmpty()) {
			log.warn("Genesys webhook refused: it names no integration (channel.id)");
			throw body.refusedWithoutSecret("unknown_integration");
		}
		for (Secret secret : secrets) {
			if (!body.signedWith(secret)) {
				log.warn("Genesys webhook refused: the signature does not match the webhook secret of integration {}",
						named);
				throw WebhookRefused.invalidSignature("rejected");
			}
		}
		return secrets;
	}

	private static WebhookRefused malformed(MalformedGenesysWebhook e) {
		return WebhookRefused.malformed("The body is not a Genesys Open Messaging message: " + e.getMessage());
	}
}

package io.switchboard.whatsapp.webhook;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.platform.DuplicateJsonKey;
import io.switchboard.platform.Secret;
import io.switchboard.platform.web.ProblemException;
import io.switchboard.platform.web.ProblemType;
import io.switchboard.platform.web.WebhookEdge;
import io.switchboard.platform.web.WebhookRefused;
import io.switchboard.tenant.Tenants;
import io.switchboard.whatsapp.MalformedWebhook;
import io.switchboard.whatsapp.WebhookNotification;
import io.switchboard.whatsapp.WhatsAppWebhooks;
import jakarta.servlet.http.HttpServletRequest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint Meta calls ({@code /webhook/whatsapp}): the verification handshake, and notifications. The cap, the
 * {@code X-Hub-Signature-256} header (hex), the in-flight budget and the counters are {@link WebhookEdge}'s; here the
 * numbers a notification addresses are read from the raw bytes ({@link Addressing}) and the signature is checked
 * once per distinct app secret of the addressed tenants, never against every tenant's. Only then is it parsed,
 * stored and acknowledged by {@link WebhookIntake}. A notification that addresses no configured number is
 * acknowledged, counted as unrouted and not stored if a configured app signed it. Every signature refusal is the same
 * answer ({@link WebhookRefused#invalidSignature(String)}), whatever its reason; the log tells them apart.
 */
@Hidden
@RestController
class WhatsAppWebhookController {

	private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);

	private final Tenants tenants;
	private final WebhookIntake intake;
	private final WhatsAppWebhookSettings settings;
	private final WebhookEdge edge;
	private final WebhookEdge.Endpoint endpoint;

	WhatsAppWebhookController(Tenants tenants, WebhookIntake intake, WhatsAppWebhookSettings settings,
			WebhookEdge edge) {
		this.tenants = tenants;
		this.intake = intake;
		this.settings = settings;
		this.edge = edge;
		this.endpoint = new WebhookEdge.Endpoint("whatsapp", settings.maxBodySize().toBytes(),
				WebhookEdge.Encoding.HEX);
	}

	@GetMapping("/webhook/whatsapp")
	ResponseEntity<?> verify(@RequestParam(name = "hub.mode", required = false) String mode,
			@RequestParam(name = "hub.verify_token", required = false) String token,
			@RequestParam(name = "hub.challenge", required = false) String challenge) {
		boolean known = tenants.all().stream().anyMatch(t -> t.whatsapp().verifyToken().matches(token));
		if (!"subscribe".equals(mode) || challenge == null || !known) {
			throw new ProblemException(ProblemType.VERIFICATION_REFUSED,
					"hub.mode must be 'subscribe' and hub.verify_token a configured verify token.");
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
	}

	@PostMapping("/webhook/whatsapp")
	ResponseEntity<?> receive(HttpServletRequest request) {
		return edge.receive(endpoint, request, this::take);
	}

	private String take(WebhookEdge.Signed body) {
		Addressing addressing;
		try {
			addressing = Addressing.scan(body.bytes());
		}
		catch (MalformedWebhook e) {
			throw malformed(e);
		}
		Set<Secret> addressed = secretsOf(addressing);
		Set<Secret> verified = addressed.isEmpty() ? Set.of(verifiedUnaddressed(body, addressing))
				: verified(body, addressed, addressing);
		WebhookNotification notification;
		try {
			notification = WhatsAppWebhooks.parse(body.bytes());
		}
		catch (MalformedWebhook e) {
			throw malformed(e);
		}
		catch (DuplicateJsonKey e) {
			log.warn("Verified webhook refused: an object in it gives a key twice");
			throw WebhookRefused.invalidWebhook(WebhookRefused.DUPLICATE_KEY);
		}
		try {
			return intake.accept(body.bytes(), notification, verified).name().toLowerCase(Locale.ROOT);
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
	private Set<Secret> verified(WebhookEdge.Signed body, Set<Secret> secrets, Addressing addressing) {
		for (Secret secret : secrets) {
			if (!body.signedWith(secret)) {
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
	private Secret verifiedUnaddressed(WebhookEdge.Signed body, Addressing addressing) {
		int most = settings.unaddressedChecks();
		List<Secret> apps = tenants.all().stream().map(tenant -> tenant.whatsapp().appSecret()).distinct()
				.limit(most + 1L).toList();
		if (apps.isEmpty() || apps.size() > most) {
			logUnaddressed(addressing);
			throw body.refusedWithoutSecret("unaddressed");
		}
		for (Secret app : apps) {
			if (body.signedWith(app)) {
				return app;
			}
		}
		logUnaddressed(addressing);
		throw WebhookRefused.invalidSignature("unaddressed");
	}

	private static void logUnaddressed(Addressing addressing) {
		log.warn("Webhook refused: it addresses no configured number (phone_number_id {}, WABA {}) and no configured "
				+ "app signed it", addressing.phoneNumberIds(), addressing.wabaIds());
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

	private static WebhookRefused malformed(MalformedWebhook e) {
		return WebhookRefused.malformed("The body is not a WhatsApp webhook notification: " + e.getMessage());
	}
}

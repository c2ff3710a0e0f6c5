package io.switchboard.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The seed's services, each a role one process can play ({@code switchboard.roles}): the seed's name and port, the
 * HTTP paths it answers (Spring MVC path patterns) and the work channels it consumes. The API services send through
 * the same process's clients, so the transformers consume every channel between them; {@link #AUTH} (the Genesys
 * token cache) answers nothing over HTTP but its {@code /health}.
 */
public enum Role {

	/** The API gateway: the admin API, the OpenAPI description and Swagger UI, and the media store's links. */
	GATEWAY("gateway", 3000,
			List.of("/api/admin/**", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
					"/media/**"),
			List.of()),

	/** Meta → Genesys: consumes the customers' messages, from WhatsApp and from the API. */
	INBOUND_TRANSFORMER("inbound-transformer", 3002, List.of(),
			List.of("inbound-whatsapp-messages", "inbound-api-messages")),

	/** Genesys → Meta: consumes the agents' messages, the API's sends, statuses, events and receipts owed. */
	OUTBOUND_TRANSFORMER("outbound-transformer", 3003, List.of(), List.of("outbound-genesys-messages",
			"outbound-api-messages", "whatsapp-status-updates", "genesys-events", "genesys-receipts")),

	/** The Genesys OAuth token service. */
	AUTH("auth", 3004, List.of(), List.of()),

	/** The conversation mappings and the message ledger, and their REST API. */
	STATE_MANAGER("state-manager", 3005,
			List.of("/api/conversations", "/api/conversations/**", "/api/messages", "/api/messages/**"), List.of()),

	/** The tenant API. */
	TENANT("tenant", 3007, List.of("/api/tenant", "/api/tenant/**"), List.of()),

	/** Sending to Meta on behalf of back-office systems. */
	WHATSAPP_API("whatsapp-api", 3008, List.of("/whatsapp/send/**"), List.of()),

	/** Meta's webhook. */
	WHATSAPP_WEBHOOK("whatsapp-webhook", 3009, List.of("/webhook/whatsapp"), List.of()),

	/** Sending to Genesys on behalf of back-office systems: customer messages and receipts. */
	GENESYS_API("genesys-api", 3010, List.of("/genesys/messages/**", "/genesys/receipts", "/genesys/receipts/**"),
			List.of()),

	/** Genesys's outbound webhook. */
	GENESYS_WEBHOOK("genesys-webhook", 3011, List.of("/webhook/genesys/**"), List.of()),

	/** The pages (the seed's agent widget port): the sandbox's pages and their assets. */
	PAGES("pages", 3012, List.of("/sandbox", "/sandbox/", "/sandbox/customer", "/sandbox/agent", "/sandbox/assets/**"),
			List.of());

	private final String serviceName;
	private final int port;
	private final List<String> paths;
	private final List<String> channels;

	Role(String serviceName, int port, List<String> paths, List<String> channels) {
		this.serviceName = serviceName;
		this.port = port;
		this.paths = paths;
		this.channels = channels;
	}

	/**
	 * @return the seed's name of the service, as {@code switchboard.roles} takes it.
	 */
	public String serviceName() {
		return serviceName;
	}

	/**
	 * @return the seed's port of the service.
	 */
	public int port() {
		return port;
	}

	/**
	 * @return the path patterns the service answers.
	 */
	public List<String> paths() {
		return paths;
	}

	/**
	 * @return the work channels the service consumes.
	 */
	public List<String> channels() {
		return channels;
	}

	/**
	 * @return the role of a seed service name, if it is one.
	 */
	public static Optional<Role> of(String serviceName) {
		return Arrays.stream(values()).filter(role -> role.serviceName.equals(serviceName)).findFirst();
	}
}

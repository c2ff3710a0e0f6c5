package io.switchboard.sandbox.genesys;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.tenant.Tenant;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated Genesys Cloud login service ({@code https://login.<region>}): the OAuth client-credentials grant.
 * Answers {@code {"access_token","token_type":"bearer","expires_in"}}, or OAuth errors shaped like Genesys's
 * ({@code error}, {@code description}, {@code error_description}).
 */
@RestController
@Tag(name = "Sandbox: Genesys Cloud simulator", description = "Simulated Genesys Cloud login and Open Messaging API")
class GenesysLoginController {

	private static final Logger log = LoggerFactory.getLogger(GenesysLoginController.class);

	private final GenesysOrganisations organisations;
	private final IssuedTokens tokens;
	private final GenesysFaults faults;
	private final GenesysStats stats;

	GenesysLoginController(GenesysOrganisations organisations, IssuedTokens tokens, GenesysFaults faults,
			GenesysStats stats) {
		this.organisations = organisations;
		this.tokens = tokens;
		this.faults = faults;
		this.stats = stats;
	}

	@Operation(summary = "Client-credentials token (form-urlencoded grant_type=client_credentials, HTTP Basic client)")
	@PostMapping("/sandbox/genesys/login/oauth/token")
	ResponseEntity<?> token(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestParam(name = "grant_type", required = false) @Nullable String grantType) {
		stats.tokenRequests.incrementAndGet();
		Optional<GenesysFaults.Fault> fault = faults.next("token");
		if (fault.isPresent()) {
			return fault.get().toError().toResponse();
		}
		String[] client = basicCredentials(authorization);
		if (client == null) {
			return oauthError(401, "invalid_client", "client authentication required: send HTTP Basic credentials");
		}
		Optional<Tenant> tenant = organisations.byClientId(client[0]);
		if (tenant.isEmpty()) {
			return oauthError(401, "invalid_client", "client not found");
		}
		if (!tenant.get().genesys().clientSecret().matches(client[1])) {
			return oauthError(401, "invalid_client", "authentication failed");
		}
		if (grantType == null || grantType.isBlank()) {
			return oauthError(400, "invalid_request",
					"grant_type is required (form-urlencoded body: grant_type=client_credentials)");
		}
		if (!grantType.equals("client_credentials")) {
			return oauthError(400, "unsupported_grant_type", "grant type not supported for this client");
		}
		IssuedTokens.Issued issued = tokens.issue(tenant.get().id(), client[0]);
		stats.tokensIssued.incrementAndGet();
		log.debug("Genesys simulator issued a token to client {} of tenant {}", client[0], tenant.get().id());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", issued.value());
		body.put("token_type", "bearer");
		body.put("expires_in", tokens.lifetime().toSeconds());
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
				.header(HttpHeaders.PRAGMA, "no-cache").body(body);
	}

	private static String @Nullable [] basicCredentials(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return colon <= 0 ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
		}
		catch (IllegalArgumentException malformed) {
			return null;
		}
	}

	private static ResponseEntity<Map<String, Object>> oauthError(int status, String error, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("description", description);
		body.put("error_description", description);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
				.cacheControl(CacheControl.noStore()).body(body);
	}
}

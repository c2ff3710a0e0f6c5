package io.switchboard.tenant.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.web.CallingTenant;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantAlert;
import io.switchboard.tenant.Tenants;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The calling tenant's own configuration, without secrets, and its open alerts.
 */
@RestController
@Tag(name = "Tenant", description = "The calling tenant's channels and alerts")
@SecurityRequirement(name = "apiKey")
class TenantApi {

	private final Tenants tenants;

	TenantApi(Tenants tenants) {
		this.tenants = tenants;
	}

	@GetMapping("/api/tenant")
	@Operation(summary = "The tenant's WhatsApp and Genesys channels (no secrets) and its open alerts")
	TenantView tenant(CallingTenant caller) {
		Tenant tenant = tenants.byId(caller.id()).orElseThrow();
		var w = tenant.whatsapp();
		var g = tenant.genesys();
		return new TenantView(tenant.id(), tenant.name(), tenant.sandbox(),
				new WhatsAppView(w.phoneNumberId(), w.displayPhoneNumber(), w.wabaId(), w.graphBaseUrl(),
						w.graphVersion(), w.messagesPerSecond()),
				new GenesysView(g.region(), g.loginBaseUrl(), g.apiBaseUrl(), g.integrationId()),
				tenants.openAlerts(tenant.id()));
	}

	record TenantView(String id, String name, boolean sandbox, WhatsAppView whatsapp, GenesysView genesys,
			List<TenantAlert> alerts) {}

	record WhatsAppView(String phoneNumberId, @Nullable String displayPhoneNumber, @Nullable String wabaId,
			URI graphBaseUrl, String graphVersion, int messagesPerSecond) {}

	record GenesysView(@Nullable String region, URI loginBaseUrl, URI apiBaseUrl, String integrationId) {}
}

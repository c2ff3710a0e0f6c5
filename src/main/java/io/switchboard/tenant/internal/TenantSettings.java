package io.switchboard.tenant.internal;

import io.switchboard.platform.Secret;
import io.switchboard.tenant.ChannelAccount;
import io.switchboard.tenant.GenesysAccount;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.WhatsAppAccount;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tenants declared in configuration and the key their secrets are encrypted with ({@code switchboard.*}). Every
 * declared tenant is checked at binding, so a mistake stops the start with the setting named: API keys, app secrets,
 * verify tokens and webhook secrets of fewer than {@value #MIN_SECRET_LENGTH} characters, blank access tokens and
 * client secrets, and {@code sandbox: true} (reserved to the built-in sandbox tenant) are refused.
 *
 * @param encryptionKey base64 of 32 random bytes (AES-256-GCM). Without it only the sandbox tenant can be stored.
 * @param tenants the declared tenants.
 * @param undeclaredTenants what happens at start-up to a tenant stored earlier but no longer declared;
 *        {@link UndeclaredTenants#DEACTIVATE} if not set.
 */
@ConfigurationProperties("switchboard")
record TenantSettings(@Nullable Secret encryptionKey, List<Declared> tenants,
		@Nullable UndeclaredTenants undeclaredTenants) {

	/** The fewest characters of a secret Switchboard checks presented values against. */
	static final int MIN_SECRET_LENGTH = 16;

	TenantSettings {
		tenants = tenants == null ? List.of() : List.copyOf(tenants);
		undeclaredTenants = undeclaredTenants == null ? UndeclaredTenants.DEACTIVATE : undeclaredTenants;
		for (int i = 0; i < tenants.size(); i++) {
			tenants.get(i).check("switchboard.tenants[" + i + "].");
		}
	}

	/**
	 * What start-up does with tenants in the database that configuration no longer declares. The sandbox tenant is
	 * deactivated whenever the sandbox does not run, whichever is chosen.
	 */
	enum UndeclaredTenants {

		/** Mark them inactive: their API keys and webhooks are refused until they are declared again. */
		DEACTIVATE,

		/** Refuse to start, naming them. */
		REFUSE
	}

	/**
	 * One tenant as declared in configuration.
	 */
	record Declared(String id, @Nullable String name, boolean sandbox, @Nullable Secret apiKey,
			WhatsAppAccount whatsapp, GenesysAccount genesys, @Nullable String destination,
			@Nullable List<ExtraNumber> extraNumbers) {

		/**
		 * @return the tenant the declaration describes, its numbers with their routes.
		 */
		Tenant tenant() {
			List<ChannelAccount> accounts = new ArrayList<>();
			accounts.add(ChannelAccount.whatsapp(whatsapp.phoneNumberId(), whatsapp.displayPhoneNumber(), destination));
			for (ExtraNumber extra : extraNumbers == null ? List.<ExtraNumber>of() : extraNumbers) {
				accounts.add(ChannelAccount.whatsapp(extra.phoneNumberId(), extra.displayPhoneNumber(),
						extra.destination()));
			}
			return new Tenant(id, name, sandbox, whatsapp, genesys, accounts);
		}

		void check(String at) {
			if (sandbox) {
				throw new IllegalArgumentException(at + "sandbox: true is reserved to the built-in sandbox tenant "
						+ "(switchboard.sandbox.enabled); declared tenants keep their secrets under "
						+ "switchboard.encryption-key");
			}
			if (apiKey != null) {
				apiKey.requireLength(MIN_SECRET_LENGTH, at + "api-key");
			}
			whatsapp.accessToken().requireLength(1, at + "whatsapp.access-token");
			whatsapp.appSecret().requireLength(MIN_SECRET_LENGTH, at + "whatsapp.app-secret");
			whatsapp.verifyToken().requireLength(MIN_SECRET_LENGTH, at + "whatsapp.verify-token");
			genesys.clientSecret().requireLength(1, at + "genesys.client-secret");
			genesys.webhookSecret().requireLength(MIN_SECRET_LENGTH, at + "genesys.webhook-secret");
			List<ExtraNumber> extras = extraNumbers == null ? List.of() : extraNumbers;
			for (int i = 0; i < extras.size(); i++) {
				if (extras.get(i).phoneNumberId() == null || extras.get(i).phoneNumberId().isBlank()) {
					throw new IllegalArgumentException(at + "extra-numbers[" + i + "].phone-number-id must not be blank");
				}
			}
		}
	}

	/**
	 * Another number of the tenant's WhatsApp Business Account, sharing its access token and app secret.
	 *
	 * @param destination where new conversations on this number go; {@code genesys} if not set.
	 */
	record ExtraNumber(String phoneNumberId, @Nullable String displayPhoneNumber, @Nullable String destination) {}
}

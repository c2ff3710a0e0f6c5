package io.switchboard.tenant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A business served by Switchboard.
 *
 * @param id stable identifier, used in URLs, the {@code X-Tenant-ID} header and logs.
 * @param name display name.
 * @param sandbox whether this tenant is wired to the built-in simulators.
 * @param whatsapp the WhatsApp Business account and its main number.
 * @param genesys the Genesys Cloud Open Messaging integration.
 * @param channelAccounts the tenant's numbers with their routes: the main WhatsApp number first, then any others of
 *        the same account; at least the main number.
 */
public record Tenant(String id, String name, boolean sandbox, WhatsAppAccount whatsapp, GenesysAccount genesys,
		List<ChannelAccount> channelAccounts) {

	public Tenant {
		Objects.requireNonNull(id, "tenant id must not be null");
		if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
			throw new IllegalArgumentException("tenant id must be lowercase letters, digits and dashes: " + id);
		}
		name = name == null || name.isBlank() ? id : name;
		Objects.requireNonNull(whatsapp, "tenant " + id + " needs a whatsapp account");
		Objects.requireNonNull(genesys, "tenant " + id + " needs a genesys account");
		List<ChannelAccount> accounts = new ArrayList<>();
		Set<String> addresses = new HashSet<>();
		ChannelAccount main = channelAccounts == null ? null : channelAccounts.stream()
			.filter(a -> a.address().equals(whatsapp.phoneNumberId())).findFirst().orElse(null);
		accounts.add(main != null ? main
				: ChannelAccount.whatsapp(whatsapp.phoneNumberId(), whatsapp.displayPhoneNumber(), null));
		addresses.add(whatsapp.phoneNumberId());
		for (ChannelAccount account : channelAccounts == null ? List.<ChannelAccount>of() : channelAccounts) {
			if (addresses.add(account.address())) {
				accounts.add(account);
			}
		}
		channelAccounts = List.copyOf(accounts);
	}

	/**
	 * A tenant with its main number only, routed to {@link ChannelAccount#DEFAULT_DESTINATION}.
	 */
	public Tenant(String id, String name, boolean sandbox, WhatsAppAccount whatsapp, GenesysAccount genesys) {
		this(id, name, sandbox, whatsapp, genesys, List.of());
	}

	/**
	 * @return the tenant's number with that address, if it has one.
	 */
	public Optional<ChannelAccount> channelAccount(String address) {
		return channelAccounts.stream().filter(account -> account.address().equals(address)).findFirst();
	}

	/**
	 * @return the main number.
	 */
	public ChannelAccount mainAccount() {
		return channelAccounts.getFirst();
	}
}

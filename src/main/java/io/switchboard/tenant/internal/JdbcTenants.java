package io.switchboard.tenant.internal;

import io.switchboard.platform.Secret;
import io.switchboard.tenant.ChannelAccount;
import io.switchboard.tenant.GenesysAccount;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantAlert;
import io.switchboard.tenant.TenantDeclaration;
import io.switchboard.tenant.Tenants;
import io.switchboard.tenant.WhatsAppAccount;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores the declared tenants in {@code tenants} / {@code tenant_credentials} at start-up (secrets encrypted) and
 * serves lookups from an in-memory snapshot read back from the database. Each time it stores tenants it tells the
 * other processes through the {@link TenantChangeFeed}, and reloads its snapshot when they tell it.
 */
@Component
class JdbcTenants implements Tenants, InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(JdbcTenants.class);
	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
	static final String PHONE_KEY = "phone:";
	static final String INTEGRATION_KEY = "integration:";

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final TransactionTemplate tx;
	private final TenantSettings settings;
	private final List<TenantDeclaration> contributed;
	private final TenantChangeFeed feed;
	private volatile boolean listening;
	private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());
	private final Set<String> openAlerts = ConcurrentHashMap.newKeySet();
	private @Nullable CredentialCipher cipher;

	JdbcTenants(JdbcClient jdbc, JsonMapper json, TransactionTemplate tx, TenantSettings settings,
			List<TenantDeclaration> contributed, TenantChangeFeed feed) {
		this.feed = feed;
		this.jdbc = jdbc;
		this.json = json;
		this.tx = tx;
		this.settings = settings;
		this.contributed = contributed;
	}

	@Override
	public void afterPropertiesSet() {
		List<TenantDeclaration> declarations = new ArrayList<>(contributed);
		settings.tenants().forEach(d -> declarations.add(new TenantDeclaration(
				d.tenant(), d.apiKey())));
		this.cipher = cipherFor(declarations);
		tx.executeWithoutResult(status -> {
			retireUndeclared(declarations);
			declarations.forEach(this::store);
		});
		stored();
		log.info("Serving {} tenant(s): {}", snapshot.tenants().size(),
				snapshot.tenants().stream().map(Tenant::id).collect(Collectors.joining(", ")));
		if (!listening) {
			listening = true;
			feed.onChange(this::reload);
		}
	}

	/**
	 * Reloads the snapshot after tenants were stored, and tells the other processes: publishes the seed's lookup keys
	 * of the active tenants, drops those of tenants no longer active, and sends the change notice.
	 */
	void stored() {
		reload();
		Map<String, String> keys = keys(snapshot.tenants());
		Set<String> gone = new HashSet<>();
		jdbc.sql("""
				select c.address from channel_accounts c join tenants t on t.id = c.tenant_id
				where t.status <> 'active' and c.channel = ?""").param(ChannelAccount.WHATSAPP)
				.query((rs, n) -> PHONE_KEY + rs.getString(1)).list().forEach(gone::add);
		jdbc.sql("select phone_number_id, genesys_integration_id from tenants where status <> 'active'")
				.query(rs -> {
					if (rs.getString(1) != null) {
						gone.add(PHONE_KEY + rs.getString(1));
					}
					if (rs.getString(2) != null) {
						gone.add(INTEGRATION_KEY + rs.getString(2));
					}
				});
		gone.removeAll(keys.keySet());
		feed.stored(keys, gone);
	}

	/**
	 * @return the seed's lookup keys: {@code phone:{phone_number_id}} of each WhatsApp number and
	 *         {@code integration:{id}} of each Genesys integration, to the tenant id.
	 */
	static Map<String, String> keys(List<Tenant> tenants) {
		Map<String, String> keys = new LinkedHashMap<>();
		for (Tenant tenant : tenants) {
			tenant.channelAccounts().stream().filter(a -> a.channel().equals(ChannelAccount.WHATSAPP))
					.forEach(a -> keys.putIfAbsent(PHONE_KEY + a.address(), tenant.id()));
			keys.putIfAbsent(INTEGRATION_KEY + tenant.genesys().integrationId(), tenant.id());
		}
		return keys;
	}

	private CredentialCipher cipherFor(List<TenantDeclaration> declarations) {
		if (settings.encryptionKey() != null && !settings.encryptionKey().isBlank()) {
			return CredentialCipher.withKey(settings.encryptionKey());
		}
		List<String> real = declarations.stream().filter(d -> !d.tenant().sandbox()).map(d -> d.tenant().id()).toList();
		if (!real.isEmpty()) {
			throw new IllegalStateException("Tenants " + real + " need switchboard.encryption-key "
					+ "(SWITCHBOARD_ENCRYPTION_KEY, base64 of 32 random bytes) to store their secrets; refusing to start");
		}
		log.warn("""

				*****************************************************************************
				 No switchboard.encryption-key is set: only sandbox tenants can run, and their
				 secrets are stored under a publicly known key. Never run real tenants so.
				*****************************************************************************""");
		return CredentialCipher.publicSandboxKey();
	}

	/**
	 * Deactivates the active tenants no declaration names (or refuses to start, as configured), so a tenant removed
	 * from configuration, or the sandbox tenant once the sandbox is off, no longer authenticates or receives webhooks.
	 */
	private void retireUndeclared(List<TenantDeclaration> declarations) {
		Set<String> declared = declarations.stream().map(d -> d.tenant().id()).collect(Collectors.toSet());
		List<Retired> undeclared = jdbc.sql("select id, sandbox from tenants where status = 'active' order by id")
				.query((rs, n) -> new Retired(rs.getString("id"), rs.getBoolean("sandbox"))).list().stream()
				.filter(t -> !declared.contains(t.id())).toList();
		List<String> kept = undeclared.stream().filter(t -> !t.sandbox()).map(Retired::id).toList();
		if (!kept.isEmpty() && settings.undeclaredTenants() == TenantSettings.UndeclaredTenants.REFUSE) {
			throw new IllegalStateException("Tenants " + kept + " are stored but no longer declared in "
					+ "switchboard.tenants; declare them again, or set switchboard.undeclared-tenants=deactivate to "
					+ "refuse their API keys and webhooks; refusing to start");
		}
		for (Retired tenant : undeclared) {
			jdbc.sql("update tenants set status = 'inactive', updated_at = now() where id = ?").param(tenant.id())
					.update();
			log.warn("Tenant {} is no longer declared{}: deactivated, its API key and webhooks are refused",
					tenant.id(), tenant.sandbox() ? " (the sandbox is off)" : "");
		}
	}

	private record Retired(String id, boolean sandbox) {}

	private void store(TenantDeclaration declaration) {
		Tenant t = declaration.tenant();
		jdbc.sql("""
				insert into tenants (id, name, phone_number_id, genesys_integration_id, sandbox, api_key_hash)
				values (:id, :name, :pnid, :integration, :sandbox, :hash)
				on conflict (id) do update set name = excluded.name, phone_number_id = excluded.phone_number_id,
				  genesys_integration_id = excluded.genesys_integration_id, sandbox = excluded.sandbox,
				  api_key_hash = excluded.api_key_hash, status = 'active', updated_at = now()""")
				.param("id", t.id()).param("name", t.name()).param("pnid", t.whatsapp().phoneNumberId())
				.param("integration", t.genesys().integrationId()).param("sandbox", t.sandbox())
				.param("hash", declaration.apiKey() == null ? null : hash(declaration.apiKey().reveal()))
				.update();
		WhatsAppAccount w = t.whatsapp();
		Map<String, Object> whatsapp = new LinkedHashMap<>();
		whatsapp.put("phoneNumberId", w.phoneNumberId());
		whatsapp.put("displayPhoneNumber", w.displayPhoneNumber());
		whatsapp.put("wabaId", w.wabaId());
		whatsapp.put("graphBaseUrl", w.graphBaseUrl().toString());
		whatsapp.put("graphVersion", w.graphVersion());
		whatsapp.put("messagesPerSecond", w.messagesPerSecond());
		whatsapp.put("accessToken", seal(w.accessToken(), t, "whatsapp.accessToken"));
		whatsapp.put("appSecret", seal(w.appSecret(), t, "whatsapp.appSecret"));
		whatsapp.put("verifyToken", seal(w.verifyToken(), t, "whatsapp.verifyToken"));
		GenesysAccount g = t.genesys();
		Map<String, Object> genesys = new LinkedHashMap<>();
		genesys.put("region", g.region());
		genesys.put("loginBaseUrl", g.loginBaseUrl().toString());
		genesys.put("apiBaseUrl", g.apiBaseUrl().toString());
		genesys.put("clientId", g.clientId());
		genesys.put("integrationId", g.integrationId());
		genesys.put("clientSecret", seal(g.clientSecret(), t, "genesys.clientSecret"));
		genesys.put("webhookSecret", seal(g.webhookSecret(), t, "genesys.webhookSecret"));
		storeCredentials(t.id(), "whatsapp", whatsapp);
		storeCredentials(t.id(), "genesys", genesys);
		jdbc.sql("delete from channel_accounts where tenant_id = ?").param(t.id()).update();
		for (ChannelAccount account : t.channelAccounts()) {
			jdbc.sql("""
					insert into channel_accounts (channel, address, tenant_id, display_address, destination)
					values (?, ?, ?, ?, ?)""")
					.params(account.channel(), account.address(), t.id(), account.displayAddress(),
							account.destination())
					.update();
		}
		jdbc.sql("update tenant_alerts set cleared_at = now() where tenant_id = ? and cleared_at is null")
				.param(t.id()).update();
	}

	private void storeCredentials(String tenantId, String type, Map<String, Object> credentials) {
		jdbc.sql("""
				insert into tenant_credentials (tenant_id, credential_type, credentials) values (?, ?, ?::jsonb)
				on conflict (tenant_id, credential_type)
				do update set credentials = excluded.credentials, updated_at = now()""")
				.params(tenantId, type, json.writeValueAsString(credentials))
				.update();
	}

	private String seal(Secret secret, Tenant tenant, String field) {
		return cipher().encrypt(secret, tenant.id() + "/" + field);
	}

	private Secret open(Map<String, Object> credentials, String tenantId, String field) {
		String key = field.substring(field.indexOf('.') + 1);
		return cipher().decrypt((String) credentials.get(key), tenantId + "/" + field);
	}

	private CredentialCipher cipher() {
		if (cipher == null) {
			throw new IllegalStateException("tenants are not loaded yet");
		}
		return cipher;
	}

	/**
	 * Reads every active tenant back from the database into the lookup snapshot.
	 */
	void reload() {
		Map<String, Map<String, Map<String, Object>>> credentials = new LinkedHashMap<>();
		jdbc.sql("select tenant_id, credential_type, credentials::text as c from tenant_credentials")
				.query(rs -> {
					credentials.computeIfAbsent(rs.getString("tenant_id"), k -> new LinkedHashMap<>())
							.put(rs.getString("credential_type"), json.readValue(rs.getString("c"), MAP));
				});
		Map<String, List<ChannelAccount>> accounts = new LinkedHashMap<>();
		jdbc.sql("select * from channel_accounts order by tenant_id, updated_at, address").query(rs -> {
			accounts.computeIfAbsent(rs.getString("tenant_id"), k -> new ArrayList<>())
				.add(new ChannelAccount(rs.getString("channel"), rs.getString("address"),
						rs.getString("display_address"), rs.getString("destination")));
		});
		Map<String, String> apiKeyHashes = new LinkedHashMap<>();
		List<Tenant> tenants = jdbc.sql("select id, name, sandbox, api_key_hash from tenants where status = 'active' "
				+ "order by id").query((rs, n) -> {
					String id = rs.getString("id");
					if (rs.getString("api_key_hash") != null) {
						apiKeyHashes.put(id, rs.getString("api_key_hash"));
					}
					Map<String, Map<String, Object>> c = credentials.getOrDefault(id, Map.of());
					return new Tenant(id, rs.getString("name"), rs.getBoolean("sandbox"),
							whatsapp(id, c.get("whatsapp")), genesys(id, c.get("genesys")),
							accounts.getOrDefault(id, List.of()));
				}).list();
		snapshot = new Snapshot(tenants, apiKeyHashes);
		openAlerts.clear();
		jdbc.sql("select tenant_id, kind from tenant_alerts where cleared_at is null")
				.query(rs -> {
					openAlerts.add(alertKey(rs.getString(1), rs.getString(2)));
				});
	}

	@Override
	public void raiseAlert(String tenantId, String kind, String detail) {
		int raised = jdbc.sql("""
				insert into tenant_alerts (tenant_id, kind, detail) values (?, ?, ?)
				on conflict (tenant_id, kind) where cleared_at is null do nothing""")
				.params(tenantId, kind, detail).update();
		openAlerts.add(alertKey(tenantId, kind));
		if (raised == 1) {
			log.error("ALERT for tenant {}: {}: {}", tenantId, kind, detail);
		}
	}

	@Override
	public List<TenantAlert> openAlerts(String tenantId) {
		return jdbc.sql("select kind, detail, raised_at from tenant_alerts where tenant_id = ? and cleared_at is null "
				+ "order by id").param(tenantId)
				.query((rs, n) -> new TenantAlert(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
				.list();
	}

	@Override
	public boolean hasOpenAlert(String tenantId, String kind) {
		return openAlerts.contains(alertKey(tenantId, kind));
	}

	private static String alertKey(String tenantId, String kind) {
		return tenantId + "|" + kind;
	}

	private WhatsAppAccount whatsapp(String id, Map<String, Object> c) {
		return new WhatsAppAccount((String) c.get("phoneNumberId"), (String) c.get("displayPhoneNumber"),
				(String) c.get("wabaId"), open(c, id, "whatsapp.accessToken"), open(c, id, "whatsapp.appSecret"),
				open(c, id, "whatsapp.verifyToken"), URI.create((String) c.get("graphBaseUrl")),
				(String) c.get("graphVersion"), ((Number) c.get("messagesPerSecond")).intValue());
	}

	private GenesysAccount genesys(String id, Map<String, Object> c) {
		return new GenesysAccount((String) c.get("region"), URI.create((String) c.get("loginBaseUrl")),
				URI.create((String) c.get("apiBaseUrl")), (String) c.get("clientId"),
				open(c, id, "genesys.clientSecret"), (String) c.get("integrationId"),
				open(c, id, "genesys.webhookSecret"));
	}

	@Override
	public Optional<Tenant> byId(String tenantId) {
		return Optional.ofNullable(snapshot.byId().get(tenantId));
	}

	@Override
	public Optional<Tenant> byPhoneNumberId(String phoneNumberId) {
		return Optional.ofNullable(snapshot.byPhoneNumberId().get(phoneNumberId));
	}

	@Override
	public Optional<Tenant> byIntegrationId(String integrationId) {
		return Optional.ofNullable(snapshot.byIntegrationId().get(integrationId));
	}

	@Override
	public Optional<Tenant> byWabaId(String wabaId) {
		return Optional.ofNullable(snapshot.byWabaId().get(wabaId));
	}

	@Override
	public List<Tenant> all() {
		return snapshot.tenants();
	}

	@Override
	public boolean acceptsApiKey(String tenantId, String presentedKey) {
		String stored = snapshot.apiKeyHashes().get(tenantId);
		return stored != null && presentedKey != null && MessageDigest.isEqual(
				stored.getBytes(StandardCharsets.US_ASCII), hash(presentedKey).getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * API keys are long random strings, so one round of SHA-256 is enough to keep them useless if the table leaks.
	 */
	static String hash(String apiKey) {
		try {
			return HexFormat.of().formatHex(
					MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private record Snapshot(List<Tenant> tenants, Map<String, String> apiKeyHashes, Map<String, Tenant> byId,
			Map<String, Tenant> byPhoneNumberId, Map<String, Tenant> byIntegrationId, Map<String, Tenant> byWabaId) {

		Snapshot(List<Tenant> tenants, Map<String, String> apiKeyHashes) {
			this(List.copyOf(tenants), Map.copyOf(apiKeyHashes), index(tenants, Tenant::id),
					byAccount(tenants),
					index(tenants, t -> t.genesys().integrationId()), firstByWaba(tenants));
		}

		private static Map<String, Tenant> byAccount(List<Tenant> tenants) {
			Map<String, Tenant> byAccount = new HashMap<>();
			tenants.forEach(t -> t.channelAccounts().forEach(a -> byAccount.putIfAbsent(a.address(), t)));
			return Map.copyOf(byAccount);
		}

		private static Map<String, Tenant> firstByWaba(List<Tenant> tenants) {
			Map<String, Tenant> first = new HashMap<>();
			tenants.stream().filter(t -> t.whatsapp().wabaId() != null)
					.forEach(t -> first.putIfAbsent(t.whatsapp().wabaId(), t));
			return Map.copyOf(first);
		}

		private static Map<String, Tenant> index(List<Tenant> tenants, Function<Tenant, String> key) {
			return tenants.stream().collect(Collectors.toUnmodifiableMap(key, t -> t));
		}
	}
}

package io.switchboard.gateway;

/**
 * The parts of Switchboard's HTTP edge that take an API key, each with the one kind of key it accepts.
 */
enum Surface {

	/** The REST API a tenant's back office calls: {@code X-Tenant-ID} and that tenant's key. */
	TENANT("Send X-Tenant-ID and the tenant's API key as 'Authorization: Bearer <key>'."),

	/** The admin API under {@code /api/admin/}: the admin key. */
	ADMIN("Send the admin API key as 'Authorization: Bearer <key>'."),

	/** The actuator endpoints besides health: the management key (or the admin key). */
	MANAGEMENT("Send the management key (switchboard.management.api-key) as 'Authorization: Bearer <key>'.");

	private final String missingKey;

	Surface(String missingKey) {
		this.missingKey = missingKey;
	}

	/**
	 * @return what a caller that presented no key is told.
	 */
	String missingKey() {
		return missingKey;
	}
}

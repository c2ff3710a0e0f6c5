package io.switchboard.platform.web;

/**
 * The operator an admin API request was authenticated for. Controllers under {@code /api/admin/} declare it as a
 * parameter; the gateway resolves it from the admin API key, so such a controller never sees another request.
 *
 * @param name the admin key's configured name ({@code switchboard.admin.name}).
 * @param address the address the request came from.
 */
public record CallingAdmin(String name, String address) {

	/**
	 * The request attribute the gateway stores the authenticated admin under.
	 */
	public static final String ATTRIBUTE = CallingAdmin.class.getName();

	/**
	 * @return who acted, as recorded and logged: {@code name@address}.
	 */
	public String who() {
		return name + "@" + address;
	}
}

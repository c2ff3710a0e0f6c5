package io.switchboard.media.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a URL's host to the addresses the fetcher connects to; the fetcher connects only to an address this
 * returned, so whatever it checks is what is reached.
 */
@FunctionalInterface
interface HostResolver {

	/**
	 * @param host a name or an IP literal (IPv6 without brackets).
	 * @return at least one address.
	 * @throws HostNotPublic when the host is or resolves to an address that may not be reached.
	 * @throws UnknownHostException when the host cannot be resolved.
	 */
	InetAddress[] resolve(String host) throws UnknownHostException;

	/**
	 * The system's resolver, unchecked.
	 */
	static HostResolver system() {
		return InetAddress::getAllByName;
	}

	/**
	 * Resolves once with the given resolver and refuses the host when any of its addresses is not public
	 * ({@link PublicAddresses}).
	 */
	static HostResolver publicOnly(HostResolver lookup) {
		return host -> {
			InetAddress[] addresses = lookup.resolve(host);
			for (InetAddress address : addresses) {
				if (!PublicAddresses.isPublic(address)) {
					throw new HostNotPublic(host);
				}
			}
			return addresses;
		};
	}
}

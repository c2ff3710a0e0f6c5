package io.switchboard.media.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which IP addresses are on the public internet. Refused: the unspecified address, loopback, private (RFC 1918),
 * shared address space (100.64.0.0/10, carrier-grade NAT), link-local (with the cloud metadata address
 * 169.254.169.254), unique-local, site-local, multicast, reserved, benchmarking and documentation ranges; IPv6 forms
 * that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they carry.
 */
final class PublicAddresses {

	private static final List<Block> IPV4_REFUSED = blocks("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
			"169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
			"198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");

	private static final List<Block> IPV6_REFUSED = blocks("::/128", "::1/128", "100::/64", "2001:db8::/32",
			"fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

	private static final byte[] NAT64_PREFIX = { 0x00, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };

	private PublicAddresses() {
	}

	/**
	 * @return whether connecting to the address reaches the public internet rather than this machine, its network
	 *         or its cloud's internal services.
	 */
	static boolean isPublic(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			return isPublicIpv4(bytes);
		}
		byte[] embedded = embeddedIpv4(bytes);
		if (embedded != null) {
			return isPublicIpv4(embedded);
		}
		return IPV6_REFUSED.stream().noneMatch(block -> block.contains(bytes));
	}

	private static boolean isPublicIpv4(byte[] bytes) {
		return IPV4_REFUSED.stream().noneMatch(block -> block.contains(bytes));
	}

	private static byte @Nullable [] embeddedIpv4(byte[] ipv6) {
		boolean firstTenZero = Arrays.equals(ipv6, 0, 10, new byte[10], 0, 10);
		boolean mapped = firstTenZero && ipv6[10] == (byte) 0xff && ipv6[11] == (byte) 0xff;
		boolean compatible = firstTenZero && ipv6[10] == 0 && ipv6[11] == 0;
		if (mapped || compatible || Arrays.equals(ipv6, 0, 12, NAT64_PREFIX, 0, 12)) {
			return Arrays.copyOfRange(ipv6, 12, 16);
		}
		if (ipv6[0] == 0x20 && ipv6[1] == 0x02) {
			return Arrays.copyOfRange(ipv6, 2, 6);
		}
		return null;
	}

	private static List<Block> blocks(String... cidrs) {
		return Arrays.stream(cidrs).map(Block::parse).toList();
	}

	private record Block(byte[] network, int prefixLength) {

		static Block parse(String cidr) {
			int slash = cidr.indexOf('/');
			try {
				// literals only: InetAddress parses them without a DNS lookup
				byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
				return new Block(network, Integer.parseInt(cidr.substring(slash + 1)));
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException(cidr, ex);
			}
		}

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			int whole = prefixLength / 8;
			if (!Arrays.equals(address, 0, whole, network, 0, whole)) {
				return false;
			}
			int rest = prefixLength % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (address[whole] & mask) == (network[whole] & mask);
		}
	}
}

package io.switchboard.media.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicAddressesTests {

	@ParameterizedTest(name = "{0} public: {1}")
	@CsvSource({
			"127.0.0.1, false", "127.1.2.3, false", "10.0.0.1, false", "172.16.0.1, false", "172.31.255.255, false",
			"192.168.1.1, false", "100.64.0.1, false", "100.127.255.254, false", "169.254.169.254, false",
			"0.0.0.0, false", "224.0.0.1, false", "239.255.255.250, false", "255.255.255.255, false",
			"198.18.0.1, false", "192.0.2.1, false", "::, false", "::1, false", "fe80::1, false", "febf::1, false",
			"fc00::1, false", "fd12:3456::1, false", "ff02::1, false", "2001:db8::1, false", "::ffff:127.0.0.1, false",
			"::ffff:169.254.169.254, false", "::10.0.0.1, false", "64:ff9b::a9fe:a9fe, false", "2002:7f00:1::, false",
			"8.8.8.8, true", "1.1.1.1, true", "172.15.255.255, true", "172.32.0.1, true", "100.128.0.1, true",
			"169.253.255.255, true", "11.0.0.1, true", "2001:4860:4860::8888, true", "2606:4700:4700::1111, true",
			"64:ff9b::808:808, true", "::ffff:8.8.8.8, true" })
	void classifiesAddresses(String literal, boolean expected) throws UnknownHostException {
		assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal))).isEqualTo(expected);
	}

	@Test
	void judgesAnIpv4MappedIpv6AddressByItsIpv4Address() throws UnknownHostException {
		// InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a resolver may hand over the IPv6 form
		byte[] mappedLoopback = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1 };
		byte[] mappedPublic = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 8, 8, 8, 8 };
		assertThat(PublicAddresses.isPublic(Inet6Address.getByAddress(null, mappedLoopback, -1))).isFalse();
		assertThat(PublicAddresses.isPublic(Inet6Address.getByAddress(null, mappedPublic, -1))).isTrue();
	}
}

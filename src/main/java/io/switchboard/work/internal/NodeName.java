package io.switchboard.work.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The name this process claims work under ({@code switchboard.node-name}, the host name by default). It must stay the
 * same across restarts of one node, so that a restarted node takes back what it held when it stopped.
 */
@Component
public class NodeName {

	private final String value;

	NodeName(@Value("${switchboard.node-name:}") String configured) {
		this.value = configured.isBlank() ? hostName() : configured;
	}

	public String value() {
		return value;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException e) {
			return "switchboard";
		}
	}
}

package io.switchboard.relay.inbound;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How customers' files are re-hosted for the destination.
 *
 * @param downloadAttempts how often a download the channel cannot give now is attempted before the agent is told it
 *        could not be retrieved (the message's later ones wait behind it meanwhile).
 * @param retryDelay the wait before the second attempt; doubled for each further one.
 * @param maxSize the largest file taken from a channel (WhatsApp's own limit is 100 MB).
 */
@ConfigurationProperties("switchboard.relay.media")
record CustomerMediaSettings(@DefaultValue("3") int downloadAttempts, @DefaultValue("1s") Duration retryDelay,
		@DefaultValue("100MB") DataSize maxSize) {}

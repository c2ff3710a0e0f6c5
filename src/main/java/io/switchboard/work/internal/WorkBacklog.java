package io.switchboard.work.internal;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How much work is waiting, per channel, and how long the oldest has waited: what an operator watches during an
 * outage. One adapter per work transport.
 */
public interface WorkBacklog {

	/**
	 * @return the backlog of every channel that has one; channels with nothing waiting may be left out.
	 */
	List<ChannelBacklog> channels();

	/**
	 * The backlog of one channel.
	 *
	 * @param channel the work channel.
	 * @param waiting items published and not yet done (queued, retrying or being worked on); dead letters do not count.
	 * @param oldestWait how long the oldest of them has waited since it was published, when known.
	 */
	record ChannelBacklog(String channel, long waiting, @Nullable Duration oldestWait) {

		/**
		 * @return the longer wait of the two, or the one known.
		 */
		public static @Nullable Duration longer(@Nullable Duration a, @Nullable Duration b) {
			if (a == null) {
				return b;
			}
			return b == null || a.compareTo(b) >= 0 ? a : b;
		}
	}
}

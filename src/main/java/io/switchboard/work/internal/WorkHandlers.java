package io.switchboard.work.internal;

import io.switchboard.work.WorkHandler;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The handlers of this process, one per work channel. A channel is an ordered queue: two handlers consuming it would
 * split one ordering key's work between them and lose its order, so a second handler for a channel refuses the
 * start with both named. Every transport and the dead letters take their handlers from here.
 */
@Component
public class WorkHandlers {

	private final Map<String, WorkHandler<?>> byChannel = new LinkedHashMap<>();

	WorkHandlers(List<WorkHandler<?>> handlers) {
		for (WorkHandler<?> handler : handlers) {
			WorkHandler<?> first = byChannel.putIfAbsent(handler.channel(), handler);
			if (first != null) {
				throw new IllegalStateException("Two handlers claim the ordered work channel '" + handler.channel()
						+ "': " + nameOf(first) + " and " + nameOf(handler)
						+ ". A channel keeps its order only with exactly one handler: give one of them its own channel.");
			}
		}
	}

	/**
	 * @return the handlers, one per channel, in a stable order.
	 */
	public Collection<WorkHandler<?>> all() {
		return byChannel.values();
	}

	/**
	 * @return the handler of a channel, if this process has one.
	 */
	public Optional<WorkHandler<?>> of(String channel) {
		return Optional.ofNullable(byChannel.get(channel));
	}

	/**
	 * @return the channels that have a handler.
	 */
	public List<String> channels() {
		return List.copyOf(byChannel.keySet());
	}

	private static String nameOf(WorkHandler<?> handler) {
		String name = handler.getClass().getName();
		int proxy = name.indexOf("$$");
		return proxy < 0 ? name : name.substring(0, proxy);
	}
}

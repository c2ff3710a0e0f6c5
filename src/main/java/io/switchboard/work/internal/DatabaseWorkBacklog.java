package io.switchboard.work.internal;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The backlog of the database transport: {@code work_items} is the queue, so it is the whole backlog.
 */
@Component
@ConditionalOnProperty(name = "switchboard.work.transport", havingValue = "database", matchIfMissing = true)
class DatabaseWorkBacklog implements WorkBacklog {

	private final WorkItemsBacklog items;

	DatabaseWorkBacklog(WorkItemsBacklog items) {
		this.items = items;
	}

	@Override
	public List<ChannelBacklog> channels() {
		return items.read();
	}
}

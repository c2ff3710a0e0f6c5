package io.switchboard.work.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.work.internal.BacklogWatch;
import io.switchboard.work.internal.WorkSettings;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The work backlog for operators holding the admin key: per channel, how many items wait and how long the oldest has
 * waited, and whether that is past the alert threshold. The same figures as the {@code workBacklog} health component
 * and the {@code switchboard.work.backlog} gauges.
 */
@RestController
@Tag(name = "Work backlog", description = "What the work channels still have to do, and how long it has waited")
@SecurityRequirement(name = "adminKey")
class BacklogApi {

	private final BacklogWatch backlog;
	private final WorkSettings settings;

	BacklogApi(BacklogWatch backlog, WorkSettings settings) {
		this.backlog = backlog;
		this.settings = settings;
	}

	@GetMapping("/api/admin/work/backlog")
	@Operation(summary = "Items waiting and the oldest wait per channel, longest-waiting first, and whether the backlog "
			+ "alert is on")
	Backlog backlog() {
		return new Backlog(backlog.alerting(), settings.backlogAlert().toSeconds(), backlog.channels().stream()
			.map(channel -> new Channel(channel.channel(), channel.waiting(),
					channel.oldestWait() == null ? 0 : channel.oldestWait().toSeconds()))
			.toList());
	}

	/**
	 * @param alerting whether some item has waited longer than {@code alertAfterSeconds}.
	 */
	record Backlog(boolean alerting, long alertAfterSeconds, List<Channel> channels) {}

	record Channel(String channel, long waiting, long oldestWaitSeconds) {}
}

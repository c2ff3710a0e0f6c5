package io.switchboard.work.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.work.WorkHandler;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WorkHandlersTests {

	static class FirstInboundHandler implements WorkHandler<String> {

		public String channel() {
			return "inbound-whatsapp-messages";
		}

		public Class<String> type() {
			return String.class;
		}

		public void handle(String work) {}
	}

	static class SecondInboundHandler extends FirstInboundHandler {}

	static class StatusHandler extends FirstInboundHandler {

		@Override
		public String channel() {
			return "whatsapp-status-updates";
		}
	}

	private final ApplicationContextRunner context = new ApplicationContextRunner()
			.withBean(WorkHandlers.class)
			.withBean(FirstInboundHandler.class)
			.withBean(StatusHandler.class);

	@Test
	void aStartWithTwoHandlersOnOneOrderedChannelIsRefusedWithBothNamed() {
		context.withBean(SecondInboundHandler.class).run(started -> {
			assertThat(started).hasFailed();
			assertThat(started.getStartupFailure()).rootCause()
					.hasMessageContaining("Two handlers claim the ordered work channel 'inbound-whatsapp-messages'")
					.hasMessageContaining(FirstInboundHandler.class.getName())
					.hasMessageContaining(SecondInboundHandler.class.getName());
		});
	}

	@Test
	void oneHandlerPerChannelStarts() {
		context.run(started -> {
			assertThat(started).hasNotFailed();
			assertThat(started.getBean(WorkHandlers.class).channels())
					.containsExactly("inbound-whatsapp-messages", "whatsapp-status-updates");
		});
	}
}

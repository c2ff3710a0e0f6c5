package io.switchboard.relay.inbound;

import io.switchboard.work.WorkChannels;
import io.switchboard.work.WorkHandler;
import io.switchboard.whatsapp.WhatsAppMessageReceived;

import org.springframework.stereotype.Component;

/**
 * Relays the customer messages back-office systems hand in ({@code inbound-api-messages}) through the same
 * {@link InboundRelay}, without opening the WhatsApp service window.
 */
@Component
class ApiInboundRelay implements WorkHandler<WhatsAppMessageReceived> {

	private final InboundRelay relay;

	ApiInboundRelay(InboundRelay relay) {
		this.relay = relay;
	}

	@Override
	public String channel() {
		return WorkChannels.INBOUND_API_MESSAGES;
	}

	@Override
	public Class<WhatsAppMessageReceived> type() {
		return WhatsAppMessageReceived.class;
	}

	@Override
	public void handle(WhatsAppMessageReceived received) {
		relay.relay(received, false);
	}

	@Override
	public void exhausted(WhatsAppMessageReceived received, String reason) {
		relay.exhausted(received, reason);
	}

	@Override
	public void replayed(WhatsAppMessageReceived received) {
		relay.replayed(received);
	}
}

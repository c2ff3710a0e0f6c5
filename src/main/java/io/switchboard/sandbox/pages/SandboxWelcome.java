package io.switchboard.sandbox.pages;

import io.switchboard.sandbox.SandboxUrls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started the application where to go once it is ready.
 */
@Component
class SandboxWelcome {

	private static final Logger log = LoggerFactory.getLogger(SandboxWelcome.class);

	private final SandboxUrls urls;

	SandboxWelcome(SandboxUrls urls) {
		this.urls = urls;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		String base = urls.base().toString();
		log.info("""
				Sandbox enabled (switchboard.sandbox.enabled=true): simulated Meta and Genesys Cloud are serving \
				the sandbox tenant.
				  WhatsApp customer : {}/sandbox/customer
				  Genesys agent     : {}/sandbox/agent
				  API docs          : {}/swagger-ui.html
				  Health            : {}/actuator/health""", base, base, base, base);
	}
}

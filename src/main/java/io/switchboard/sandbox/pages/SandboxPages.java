package io.switchboard.sandbox.pages;

import io.swagger.v3.oas.annotations.Hidden;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The sandbox's web pages: an index, the WhatsApp customer and the Genesys agent. Plain HTML, CSS and JavaScript kept
 * outside {@code static/} so that they exist only while the sandbox is enabled.
 */
@Controller
@Hidden
class SandboxPages implements WebMvcConfigurer {

	private static final String LOCATION = "templates/sandbox/";

	@GetMapping({ "/sandbox", "/sandbox/" })
	ResponseEntity<Resource> index() {
		return page("index.html");
	}

	@GetMapping("/sandbox/customer")
	ResponseEntity<Resource> customer() {
		return page("customer.html");
	}

	@GetMapping("/sandbox/agent")
	ResponseEntity<Resource> agent() {
		return page("agent.html");
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/sandbox/assets/**")
				.addResourceLocations("classpath:/" + LOCATION + "assets/")
				.setCacheControl(CacheControl.noCache());
	}

	private static ResponseEntity<Resource> page(String name) {
		return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
				.cacheControl(CacheControl.noCache()).body(new ClassPathResource(LOCATION + name));
	}
}

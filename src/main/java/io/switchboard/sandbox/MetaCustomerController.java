package io.switchboard.sandbox;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.platform.web.Problems;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The customer's side of the simulated Meta: a customer writes to the business number and Meta delivers the webhook
 * to the application. Errors are problem details.
 */
@RestController
@RequestMapping("/sandbox/meta/customer")
@ConditionalOnProperty(name = "switchboard.sandbox.enabled", havingValue = "true")
@Tag(name = "Sandbox: WhatsApp customer simulator", description = "A customer writing to the sandbox number")
class MetaCustomerController {

	private final MetaCustomer customer;

	MetaCustomerController(MetaCustomer customer) {
		this.customer = customer;
	}

	/**
	 * What the customer's message became.
	 *
	 * @param wamid its WhatsApp message id.
	 * @param webhookStatus the HTTP status the application's webhook answered; {@literal null} if unreachable.
	 * @param webhookError why the webhook could not be reached, if it could not.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Delivery(String wamid, @Nullable Integer webhookStatus, @Nullable String webhookError) {}

	@Operation(summary = "The customer sends a text; Meta's signed webhook goes to /webhook/whatsapp",
			description = "Body: {\"from\":\"447700900123\",\"name\":\"Ana\",\"text\":\"...\"}")
	@PostMapping("/messages")
	Delivery send(@RequestBody MetaCustomer.Typed typed) {
		MetaCustomer.Sent sent = customer.send(typed);
		return new Delivery(sent.wamid(), sent.webhookStatus(), sent.webhookError());
	}

	@Operation(summary = "What a customer sent, oldest first, with how the application's webhook answered")
	@GetMapping("/messages")
	List<MetaCustomer.Sent> messages(@RequestParam String from) {
		return customer.transcript(from.strip());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException e) {
		return Problems.of("invalid-request", HttpStatus.BAD_REQUEST, e.getMessage());
	}
}

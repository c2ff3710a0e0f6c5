package io.switchboard.sandbox.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sandbox end to end in a real browser: a customer writes on the customer page, the agent sees it on the agent
 * page and replies, and the reply reaches the customer's page, where its ticks go to delivered and then to read.
 * Both pages, the index and Swagger UI must work under their Content-Security-Policy without a single violation.
 * Screenshots of both pages land in {@code target/browser/}. Skipped without Debian's Chromium and chromedriver.
 */
class SandboxRoundTripBrowserTests extends AbstractIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private HeadlessChromium chromium;
	private WebDriver driver;
	private String customerWindow;
	private String agentWindow;

	@BeforeEach
	void startBrowser() throws IOException {
		chromium = HeadlessChromium.start();
		driver = chromium.driver();
	}

	@AfterEach
	void stopBrowser() throws IOException {
		if (chromium != null) {
			chromium.screenshot(customerWindow, "customer.png");
			chromium.screenshot(agentWindow, "agent.png");
			chromium.close();
		}
	}

	@Test
	void customerAndAgentTalkThroughTheApplication() {
		String number = "4477009" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
		String question = "Hello from the browser, where is order AB-" + number.substring(7) + "?";
		String answer = "Hi Ana, order AB-" + number.substring(7) + " ships today.";

		driver.get(url("/sandbox/customer").toString());
		customerWindow = driver.getWindowHandle();
		type(By.id("from"), number);
		type(By.id("name"), "Ana Browser");
		type(By.id("message"), question);
		driver.findElement(By.id("send")).click();
		String customerBubble = "#transcript .message.customer[data-state='ok']";
		await("the customer's message is accepted by the application's webhook",
				d -> texts(d, customerBubble + " .text").contains(question));

		driver.switchTo().newWindow(WindowType.WINDOW);
		agentWindow = driver.getWindowHandle();
		chromium.watchContentSecurityPolicy();
		driver.get(url("/sandbox/agent").toString());
		By conversation = By.cssSelector("#conversations button.conversation[data-customer-id='" + number + "']");
		await("the conversation appears on the agent page", d -> !d.findElements(conversation).isEmpty());
		driver.findElement(conversation).click();
		await("the customer's text arrives on the agent page",
				d -> texts(d, "#messages .message.customer .text").contains(question));
		await("the reply box is enabled for the conversation", d -> d.findElement(By.id("reply")).isEnabled());
		type(By.id("reply"), answer);
		driver.findElement(By.id("reply-send")).click();
		await("the application accepts the agent's reply (webhook 200)",
				d -> d.findElement(By.id("reply-status")).getText().contains("answered 200"));
		await("the reply shows on the agent page",
				d -> texts(d, "#messages .message.agent .text").contains(answer));

		driver.switchTo().window(customerWindow);
		String reply = "#transcript .message.business";
		await("the agent's reply reaches the customer's page", d -> texts(d, reply + " .text").contains(answer));
		await("the reply's ticks reach delivered", d -> List.of("delivered", "read").contains(ticks(d, answer)));
		await("the reply's ticks reach read once the page shows it", d -> "read".equals(ticks(d, answer)));
		assertThat(driver.findElement(By.cssSelector(reply + " .ticks.read")).getText()).isEqualTo("✓✓");

		driver.switchTo().window(agentWindow);
		await("the agent page shows the Delivered receipt for the reply",
				d -> d.findElements(By.cssSelector("#messages .message.agent")).stream()
						.filter(card -> card.getText().contains(answer))
						.anyMatch(card -> "Delivered".equals(card.findElement(By.cssSelector(".receipt-status"))
								.getDomAttribute("data-status"))));

		assertThat(chromium.policyViolations()).as("the agent page under its Content-Security-Policy").isEmpty();
		driver.switchTo().window(customerWindow);
		assertThat(chromium.policyViolations()).as("the customer page under its Content-Security-Policy").isEmpty();
	}

	@Test
	void theIndexAndSwaggerUiWorkUnderTheirContentSecurityPolicies() {
		driver.get(url("/sandbox").toString());
		await("the index shows its links", d -> !d.findElements(By.id("link-customer")).isEmpty());
		assertThat(chromium.policyViolations()).as("the index page").isEmpty();
		driver.get(url("/swagger-ui/index.html").toString());
		await("Swagger UI lists the API's operations",
				d -> !d.findElements(By.cssSelector(".opblock-summary-path")).isEmpty());
		assertThat(texts(driver, ".opblock-summary-path")).contains("/whatsapp/send/text");
		assertThat(chromium.policyViolations()).as("Swagger UI").isEmpty();
	}

	/**
	 * Collects the Content-Security-Policy violations of every document the current window loads from now on.
	 */
	private void type(By field, String text) {
		WebElement input = driver.findElement(field);
		input.clear();
		input.sendKeys(text);
	}

	private void await(String what, Function<WebDriver, Boolean> condition) {
		new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).withMessage(what)
				.ignoring(StaleElementReferenceException.class).until(condition);
	}

	private static List<String> texts(WebDriver driver, String css) {
		return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
	}

	/**
	 * @return the {@code data-status} of the ticks of the business message with that text, if shown.
	 */
	private static String ticks(WebDriver driver, String text) {
		Optional<WebElement> bubble = driver.findElements(By.cssSelector("#transcript .message.business")).stream()
				.filter(b -> b.findElement(By.cssSelector(".text")).getText().equals(text)).findFirst();
		return bubble.map(b -> b.findElement(By.cssSelector(".ticks")).getDomAttribute("data-status")).orElse("");
	}

}

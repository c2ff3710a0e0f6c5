package io.switchboard.sandbox.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Media through the sandbox pages in a real browser: the customer picks an image with a caption on the customer page
 * and the agent page shows it inline, loaded from the copy Genesys fetched; the agent attaches a PDF to a reply and
 * the customer page shows it as a link to the document, with the reply's ticks at delivered. Elements are found by
 * their accessible names (labels, button texts, alt texts, link texts). Screenshots land in {@code target/browser/}.
 * Skipped without Debian's Chromium and chromedriver.
 */
class SandboxMediaBrowserTests extends AbstractIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private HeadlessChromium chromium;
	private WebDriver driver;
	private Path files;
	private String customerWindow;
	private String agentWindow;

	@BeforeEach
	void startBrowser() throws IOException {
		chromium = HeadlessChromium.start();
		driver = chromium.driver();
		files = Files.createTempDirectory("switchboard-media-files");
	}

	@AfterEach
	void stopBrowser() throws IOException {
		if (chromium != null) {
			chromium.screenshot(customerWindow, "media-customer.png");
			chromium.screenshot(agentWindow, "media-agent.png");
			chromium.close();
		}
		HeadlessChromium.delete(files);
	}

	@Test
	void aCustomersImageShowsInlineForTheAgentAndTheAgentsDocumentReachesTheCustomer() throws IOException {
		String number = "4477008" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
		String caption = "The box for order AB-" + number.substring(7) + " arrived damaged";
		Path image = png(files.resolve("damaged-box-" + number.substring(7) + ".png"));
		String documentName = "Invoice-AB-" + number.substring(7) + ".pdf";
		Path document = pdf(files.resolve(documentName));
		String answer = "Sorry about that, here is your invoice for AB-" + number.substring(7) + ".";

		driver.get(url("/sandbox/customer").toString());
		customerWindow = driver.getWindowHandle();
		type(labelled("Customer phone number (wa_id)"), number);
		type(labelled("Profile name"), "Pia Browser");
		type(named("textarea", "Message"), caption);
		new Select(named("select", "Send as")).selectByVisibleText("Image");
		named("input", "File to send").sendKeys(image.toAbsolutePath().toString());
		button("Send file").click();
		await("the customer's image is accepted by the application's webhook",
				d -> d.findElements(By.cssSelector("#transcript .message.customer[data-state='ok']")).stream()
						.anyMatch(bubble -> bubble.getText().contains(caption)
								&& !bubble.findElements(By.cssSelector("img")).isEmpty()));

		driver.switchTo().newWindow(WindowType.WINDOW);
		agentWindow = driver.getWindowHandle();
		chromium.watchContentSecurityPolicy();
		driver.get(url("/sandbox/agent").toString());
		By conversation = By.xpath("//ul[@id='conversations']//button[contains(normalize-space(.), '" + number + "')]");
		await("the conversation appears on the agent page", d -> !d.findElements(conversation).isEmpty());
		driver.findElement(conversation).click();
		await("the customer's image shows inline with its caption on the agent page",
				d -> customerCard(d, caption).map(card -> loadedImages(card) > 0).orElse(false));
		WebElement card = customerCard(driver, caption).orElseThrow();
		WebElement shown = card.findElement(By.tagName("img"));
		assertThat(shown.getAccessibleName()).as("the image's alt text").isNotBlank();
		assertThat(naturalWidth(shown)).as("the image's width as decoded by the browser").isEqualTo(24);

		await("the reply box is enabled for the conversation", d -> named("textarea", "Reply").isEnabled()
				&& named("input", "Attach a file").isEnabled());
		type(named("textarea", "Reply"), answer);
		named("input", "Attach a file").sendKeys(document.toAbsolutePath().toString());
		button("Send").click();
		await("the application accepts the agent's reply with the document (webhook 200)",
				d -> d.findElement(By.id("reply-status")).getText().contains("answered 200"));
		await("the agent page shows the Delivered receipt for the document",
				d -> d.findElements(By.cssSelector("#messages .message.agent")).stream()
						.filter(reply -> reply.getText().contains(answer) && reply.getText().contains(documentName))
						.anyMatch(reply -> "Delivered".equals(reply.findElement(By.cssSelector(".receipt-status"))
								.getDomAttribute("data-status"))));

		driver.switchTo().window(customerWindow);
		By link = By.xpath("//*[@id='transcript']//a[contains(normalize-space(.), '" + documentName + "')]");
		await("the agent's document reaches the customer's page as a link with its name",
				d -> !d.findElements(link).isEmpty());
		WebElement bubble = driver.findElement(link).findElement(By.xpath("ancestor::*[contains(@class,'bubble')]"));
		assertThat(bubble.getText()).contains(answer);
		assertThat(download(driver.findElement(link).getDomProperty("href")))
				.as("what the link serves").startsWith("%PDF-1.4");
		await("the document's ticks reach delivered", d -> {
			WebElement ticks = d.findElement(link).findElement(By.xpath("ancestor::*[contains(@class,'bubble')]"))
					.findElement(By.cssSelector(".ticks"));
			return List.of("delivered", "read").contains(ticks.getAccessibleName());
		});

		assertThat(chromium.policyViolations()).as("the customer page under its Content-Security-Policy").isEmpty();
		driver.switchTo().window(agentWindow);
		assertThat(chromium.policyViolations()).as("the agent page under its Content-Security-Policy").isEmpty();
	}

	private static Path png(Path file) throws IOException {
		BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(0x2a6f97));
		graphics.fillRect(0, 0, 24, 16);
		graphics.setColor(Color.ORANGE);
		graphics.fillRect(6, 4, 12, 8);
		graphics.dispose();
		assertThat(ImageIO.write(image, "png", file.toFile())).as("a PNG writer is available").isTrue();
		return file;
	}

	private static Path pdf(Path file) throws IOException {
		return Files.writeString(file, """
				%PDF-1.4
				1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
				2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
				trailer << /Root 1 0 R >>
				%%EOF
				""", StandardCharsets.US_ASCII);
	}

	/**
	 * @return the agent page's card of the customer's message with that caption, if shown.
	 */
	private static Optional<WebElement> customerCard(WebDriver driver, String caption) {
		return driver.findElements(By.cssSelector("#messages .message.customer")).stream()
				.filter(card -> card.findElements(By.cssSelector(".text")).stream()
						.anyMatch(text -> text.getText().equals(caption)))
				.findFirst();
	}

	private long loadedImages(WebElement card) {
		return card.findElements(By.tagName("img")).stream().filter(img -> naturalWidth(img) > 0).count();
	}

	private long naturalWidth(WebElement img) {
		Object width = ((JavascriptExecutor) driver)
				.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", img);
		return ((Number) width).longValue();
	}

	/**
	 * @return the first bytes the page's origin serves at that address, as the page itself would fetch them.
	 */
	private String download(String href) {
		Object text = ((JavascriptExecutor) driver).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0]).then(r => r.ok ? r.text() : 'HTTP ' + r.status)
				    .then(t => done(t.substring(0, 64)), e => done('failed: ' + e));""", href);
		return String.valueOf(text);
	}

	/**
	 * @return the form field whose {@code <label>} reads that text.
	 */
	private WebElement labelled(String label) {
		WebElement found = driver.findElement(By.xpath("//label[normalize-space(text())='" + label + "']"));
		return driver.findElement(By.id(found.getDomAttribute("for")));
	}

	/**
	 * @return the element of that tag whose accessible name (as Chromium computes it) is that name.
	 */
	private WebElement named(String tag, String name) {
		return driver.findElements(By.tagName(tag)).stream().filter(e -> name.equals(e.getAccessibleName()))
				.findFirst().orElseThrow(() -> new AssertionError("no <" + tag + "> named '" + name + "'"));
	}

	private WebElement button(String name) {
		return driver.findElements(By.cssSelector("button, [role='button']")).stream()
				.filter(b -> b.isDisplayed() && name.equals(b.getAccessibleName())).findFirst()
				.orElseThrow(() -> new AssertionError("no button named '" + name + "'"));
	}

	private void type(WebElement input, String text) {
		input.clear();
		input.sendKeys(text);
	}

	private void await(String what, Function<WebDriver, Boolean> condition) {
		new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).withMessage(what)
				.ignoring(StaleElementReferenceException.class).until(condition);
	}

}

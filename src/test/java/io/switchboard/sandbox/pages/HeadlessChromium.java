package io.switchboard.sandbox.pages;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its chromedriver, with a throw-away profile, the page's Content-Security-
 * Policy violations collected, and screenshots kept under {@code target/browser}. Tests that need it are skipped
 * where Chromium or chromedriver are not installed.
 */
final class HeadlessChromium implements AutoCloseable {

	private static final File CHROMIUM = new File("/usr/bin/chromium");
	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
	private static final Path SCREENSHOTS = Path.of("target", "browser");

	private final ChromeDriver driver;
	private final Path profile;

	private HeadlessChromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * @throws org.opentest4j.TestAbortedException when Chromium or chromedriver is missing.
	 */
	static HeadlessChromium start() throws IOException {
		Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
				"Chromium or chromedriver not installed: need " + CHROMIUM + " and " + CHROMEDRIVER);
		Path profile = Files.createTempDirectory("switchboard-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
				.usingAnyFreePort().build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		HeadlessChromium chromium = new HeadlessChromium(driver, profile);
		chromium.watchContentSecurityPolicy();
		return chromium;
	}

	WebDriver driver() {
		return driver;
	}

	/**
	 * Collects the Content-Security-Policy violations of every page loaded from now on in the current window.
	 */
	void watchContentSecurityPolicy() {
		driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				window.policyViolations = [];
				document.addEventListener('securitypolicyviolation',
				    e => window.policyViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')
				        + ' at ' + e.sourceFile + ':' + e.lineNumber));"""));
	}

	/**
	 * @return the current page's Content-Security-Policy violations so far.
	 */
	@SuppressWarnings("unchecked")
	List<String> policyViolations() {
		Object found = ((JavascriptExecutor) driver).executeScript("return window.policyViolations || []");
		return (List<String>) found;
	}

	/**
	 * Saves what a window shows, for looking at after a failure; never fails the test.
	 */
	void screenshot(@Nullable String window, String name) {
		if (window == null) {
			return;
		}
		try {
			driver.switchTo().window(window);
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException | RuntimeException e) {
			System.err.println("Could not save the screenshot " + name + ": " + e);
		}
	}

	@Override
	public void close() throws IOException {
		driver.quit();
		delete(profile);
	}

	static void delete(@Nullable Path directory) throws IOException {
		if (directory == null) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}
}

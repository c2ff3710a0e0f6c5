package io.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The catalogue of problem types and {@code docs/api-errors.md} agree, and nothing else names a type.
 */
class ProblemTypeTests {

	private static final Path DOC = Path.of("docs/api-errors.md");
	private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| (\\d{3}) \\| ([^|]+?) \\| .+\\|$");
	private static final Pattern TYPE_URI = Pattern.compile(Pattern.quote(ProblemType.BASE) + "([a-z0-9-]*)");

	@Test
	void theDocumentListsEveryTypeOfTheCatalogueWithItsStatusAndTitleAndNothingElse() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		for (String line : Files.readAllLines(DOC)) {
			Matcher row = ROW.matcher(line);
			if (row.matches()) {
				String previous = documented.put(row.group(1), row.group(2) + " " + row.group(3));
				assertThat(previous).as("%s is documented once", row.group(1)).isNull();
			}
		}
		Map<String, String> catalogue = new LinkedHashMap<>();
		for (ProblemType type : ProblemType.values()) {
			catalogue.put(type.slug(), type.status().value() + " " + type.title());
		}
		assertThat(documented).containsExactlyInAnyOrderEntriesOf(catalogue);
	}

	@Test
	void typesAreUniqueAndEachStatusIsAnsweredByOneTypeOfItsOwn() {
		Set<String> slugs = new HashSet<>();
		for (ProblemType type : ProblemType.values()) {
			assertThat(slugs.add(type.slug())).as(type.slug()).isTrue();
			assertThat(type.uri().toString()).isEqualTo(ProblemType.BASE + type.slug());
			assertThat(type.problem("x").getTitle()).isEqualTo(type.status().getReasonPhrase());
		}
		assertThat(ProblemType.forStatus(HttpStatus.NOT_FOUND)).isEqualTo(ProblemType.NOT_FOUND);
		assertThat(ProblemType.forStatus(HttpStatus.UNAUTHORIZED)).isEqualTo(ProblemType.UNAUTHENTICATED);
		assertThat(ProblemType.forStatus(HttpStatus.SERVICE_UNAVAILABLE))
				.isEqualTo(ProblemType.TEMPORARILY_UNAVAILABLE);
		assertThat(ProblemType.forStatus(HttpStatus.I_AM_A_TEAPOT)).isEqualTo(ProblemType.INVALID_REQUEST);
		assertThat(ProblemType.forStatus(HttpStatusCode.valueOf(599))).isEqualTo(ProblemType.INTERNAL_ERROR);
	}

	@Test
	void noOtherSourceNamesAProblemTypeAndEveryTypeNamedElsewhereIsInTheCatalogue() throws IOException {
		Set<String> slugs = new HashSet<>(Arrays.stream(ProblemType.values()).map(ProblemType::slug).toList());
		Path catalogue = Path.of("src/main/java/io/switchboard/platform/web/ProblemType.java");
		for (Path file : files(Path.of("src/main"))) {
			String text = Files.readString(file);
			if (!file.equals(catalogue)) {
				assertThat(text).as(file.toString()).doesNotContain(ProblemType.BASE).doesNotContain("/problems/");
			}
		}
		for (Path file : files(Path.of("src/test"), Path.of("docs"), Path.of("README.md"))) {
			Matcher named = TYPE_URI.matcher(Files.readString(file));
			while (named.find()) {
				if (!named.group(1).isEmpty()) {
					assertThat(slugs).as(file + " names " + named.group()).contains(named.group(1));
				}
			}
		}
	}

	private static List<Path> files(Path... roots) throws IOException {
		List<Path> files = new ArrayList<>();
		for (Path root : roots) {
			try (Stream<Path> walk = Files.walk(root)) {
				walk.filter(Files::isRegularFile)
						.filter(file -> file.toString().matches(".*\\.(java|md|yml|yaml|properties|html|js)$"))
						.forEach(files::add);
			}
		}
		return files;
	}
}

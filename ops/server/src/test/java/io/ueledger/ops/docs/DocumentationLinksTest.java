package io.ueledger.ops.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No dead links in the documentation: every relative link and image in README.md, docs/ and the modules'
 * README files leads to a file that exists, and every {@code #anchor} to a heading of it. Pages that other
 * branches bring are listed in docs/pending-links.txt until they are merged; an entry whose page exists
 * fails the test, so the list cannot outlive its reason.
 */
class DocumentationLinksTest {

    private static final Path ROOT = projectRoot();
    private static final Path PENDING = ROOT.resolve("docs/pending-links.txt");

    @Test
    void every_relative_link_and_anchor_in_the_documentation_resolves() {
        List<Path> files = MarkdownLinks.documentation(ROOT);
        assertThat(files).as("the documentation this test reads")
                .contains(ROOT.resolve("README.md"), ROOT.resolve("docs/README.md"));

        List<MarkdownLinks.DeadLink> dead = new MarkdownLinks(ROOT, pending()).deadLinks(files);

        assertThat(dead).as("dead links (fix the link, or the heading it points to)").isEmpty();
    }

    @Test
    void pages_still_listed_as_pending_do_not_exist_yet() {
        List<Path> arrived = pending().stream().filter(p -> Files.exists(ROOT.resolve(p))).sorted().toList();

        assertThat(arrived).as("these pages exist now: remove them from docs/pending-links.txt").isEmpty();
    }

    @Test
    void the_front_page_stays_short_and_starts_with_the_two_quick_start_commands() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> codeBlocks = readme.lines().filter(l -> l.startsWith("```")).toList();

        assertThat(readme.lines().count()).as("README.md lines").isLessThanOrEqualTo(300);
        String[] blocks = readme.split("```");
        assertThat(blocks[1]).isEqualTo("bash\nmvn -q -DskipTests package && java -jar ops/server/target/ue-ledger.jar\n");
        assertThat(blocks[3]).isEqualTo("bash\nmvn -B verify\n");
        assertThat(codeBlocks).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void the_checker_reports_a_missing_file_a_missing_anchor_and_nothing_else(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs/guide"));
        Files.writeString(dir.resolve("docs/guide/page.md"), """
                # A page

                ## Same name
                ## Same name
                ## ops/server (`io.ueledger.ops`)
                """);
        Files.writeString(dir.resolve("README.md"), """
                # Front

                [good](docs/guide/page.md) [anchor](docs/guide/page.md#same-name-1)
                [code heading](docs/guide/page.md#opsserver-ioueledgerops) [self](#front)
                [external](https://example.com/nowhere.md) [pending](docs/coming.md)
                ![picture](docs/missing.png)
                [wrong anchor](docs/guide/page.md#same-name-2)

                `[in code](docs/nothing.md)`

                ```
                [in a block](docs/nothing.md)
                ```
                """);

        List<MarkdownLinks.DeadLink> dead = new MarkdownLinks(dir, Set.of(Path.of("docs/coming.md")))
                .deadLinks(MarkdownLinks.documentation(dir));

        assertThat(dead).extracting(MarkdownLinks.DeadLink::destination)
                .containsExactly("docs/missing.png", "docs/guide/page.md#same-name-2");
        assertThat(dead.get(0).why()).isEqualTo("no such file: docs/missing.png");
    }

    @Test
    void anchors_follow_githubs_rule() {
        assertThat(MarkdownLinks.anchor("The API (role ADMIN)")).isEqualTo("the-api-role-admin");
        assertThat(MarkdownLinks.anchor("Snapshots: not added")).isEqualTo("snapshots-not-added");
        assertThat(MarkdownLinks.anchor("PKI: the server's keys and the device trust anchors"))
                .isEqualTo("pki-the-servers-keys-and-the-device-trust-anchors");
        assertThat(MarkdownLinks.anchor("Not included, and known limits")).isEqualTo("not-included-and-known-limits");
    }

    private static Set<Path> pending() {
        try {
            return Files.readAllLines(PENDING).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(Path::of)
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException("docs/pending-links.txt cannot be read", e);
        }
    }

    /** The folder holding the project's README.md and docs/, found from where the tests run (the module). */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/README.md")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project folder with docs/README.md above " + Path.of("").toAbsolutePath());
    }
}

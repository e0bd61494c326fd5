package io.ueledger.ops.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * Finds the relative links of a set of Markdown files that lead nowhere: a missing file or folder, or a
 * {@code #anchor} that no heading of the target file produces. Markdown is parsed with commonmark, so links
 * inside code blocks and inline code are not links, as on GitHub; anchors follow GitHub's rule (lower case,
 * punctuation dropped, spaces to hyphens, "-1", "-2" for repeated headings).
 */
final class MarkdownLinks {

    /** One link that does not resolve, said the way a person fixes it. */
    record DeadLink(Path source, String destination, String why) {
        @Override
        public String toString() {
            return source + ": (" + destination + ") " + why;
        }
    }

    private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    private static final Pattern NOT_IN_ANCHOR = Pattern.compile("[^\\p{L}\\p{N}\\p{M} _-]");

    private final Path root;
    private final Set<Path> pending;
    private final Parser parser = Parser.builder().build();
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    /**
     * @param root    the project folder every checked file lives under
     * @param pending paths (relative to root) that other branches bring: links to them are not checked while
     *                they are missing
     */
    MarkdownLinks(Path root, Set<Path> pending) {
        this.root = root.toAbsolutePath().normalize();
        this.pending = pending;
    }

    List<DeadLink> deadLinks(List<Path> markdownFiles) {
        List<DeadLink> dead = new ArrayList<>();
        for (Path file : markdownFiles) {
            for (String destination : links(file)) {
                check(file, destination).ifPresent(dead::add);
            }
        }
        return dead;
    }

    private java.util.Optional<DeadLink> check(Path file, String destination) {
        if (EXTERNAL.matcher(destination).matches() || destination.isBlank()) {
            return java.util.Optional.empty();
        }
        int hash = destination.indexOf('#');
        String pathPart = hash < 0 ? destination : destination.substring(0, hash);
        String anchor = hash < 0 ? null : URLDecoder.decode(destination.substring(hash + 1), StandardCharsets.UTF_8);
        Path source = root.relativize(file.toAbsolutePath().normalize());
        Path target = pathPart.isEmpty()
                ? file.toAbsolutePath().normalize()
                : file.toAbsolutePath().getParent().resolve(URLDecoder.decode(pathPart, StandardCharsets.UTF_8)).normalize();
        if (!target.startsWith(root)) {
            return java.util.Optional.of(new DeadLink(source, destination, "leads outside the project"));
        }
        if (!Files.exists(target)) {
            if (pending.contains(root.relativize(target))) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new DeadLink(source, destination, "no such file: " + root.relativize(target)));
        }
        if (anchor == null || anchor.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (!target.getFileName().toString().endsWith(".md")) {
            return java.util.Optional.of(new DeadLink(source, destination, "an anchor into a file that is not Markdown"));
        }
        if (!anchorsOf(target).contains(anchor)) {
            return java.util.Optional.of(new DeadLink(source, destination,
                    "no heading of " + root.relativize(target) + " has the anchor #" + anchor
                            + "; it has " + anchorsOf(target)));
        }
        return java.util.Optional.empty();
    }

    Set<String> anchorsOf(Path markdownFile) {
        return anchors.computeIfAbsent(markdownFile.toAbsolutePath().normalize(), file -> {
            Set<String> found = new LinkedHashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            parse(file).accept(new AbstractVisitor() {
                @Override
                public void visit(Heading heading) {
                    String base = anchor(plainText(heading));
                    int times = seen.merge(base, 1, Integer::sum);
                    found.add(times == 1 ? base : base + "-" + (times - 1));
                }
            });
            return found;
        });
    }

    List<String> links(Path markdownFile) {
        List<String> destinations = new ArrayList<>();
        parse(markdownFile).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                destinations.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                destinations.add(image.getDestination());
            }
        });
        return destinations;
    }

    /** GitHub's heading anchor: lower case, anything but letters, digits, spaces, '-' and '_' dropped, spaces to '-'. */
    static String anchor(String headingText) {
        String lower = headingText.trim().toLowerCase(Locale.ROOT);
        return NOT_IN_ANCHOR.matcher(lower).replaceAll("").replace(' ', '-');
    }

    private static String plainText(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }

    private Node parse(Path file) {
        try {
            return parser.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** README.md, every Markdown file under docs/, and the modules' own README.md files. */
    static List<Path> documentation(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"));
             Stream<Path> all = Files.walk(root, 3)) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            all.filter(p -> p.getFileName().toString().equals("README.md"))
                    .filter(p -> !p.equals(root.resolve("README.md")) && !p.startsWith(root.resolve("docs")))
                    .filter(p -> root.relativize(p).toString().split("/").length > 1)
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/"))
                    .sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}

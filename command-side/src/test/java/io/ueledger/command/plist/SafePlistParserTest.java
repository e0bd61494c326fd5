package io.ueledger.command.plist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dd.plist.NSDictionary;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parser is reused per thread: each parse must start from the hardened state, whatever came before. */
class SafePlistParserTest {

    private static final String EXTERNAL_DTD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist SYSTEM "file:///no/such/folder/ue-ledger-test.dtd">
            <plist version="1.0"><dict><key>Status</key><string>%s</string></dict></plist>
            """;

    @Test
    void a_reused_parser_still_fetches_no_external_dtd_and_reads_each_document_on_its_own() {
        for (String status : new String[] {"Idle", "Acknowledged", "NotNow"}) {
            NSDictionary parsed = (NSDictionary) SafePlistParser.parse(bytes(EXTERNAL_DTD.formatted(status)));
            assertThat(parsed.objectForKey("Status").toJavaObject()).isEqualTo(status);
            assertThat(parsed.count()).isEqualTo(1);
        }
    }

    @Test
    void a_broken_document_does_not_spoil_the_next_parse_on_the_same_thread() {
        assertThatThrownBy(() -> SafePlistParser.parse(bytes("<plist><dict><key>Status</key>")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a readable property list");

        NSDictionary parsed = (NSDictionary) SafePlistParser.parse(bytes(EXTERNAL_DTD.formatted("Idle")));
        assertThat(parsed.objectForKey("Status").toJavaObject()).isEqualTo("Idle");
    }

    @Test
    void entity_declarations_are_refused_before_parsing() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE plist [<!ENTITY a "aaaaaaaaaa">]>
                <plist version="1.0"><string>&a;</string></plist>
                """;
        assertThatThrownBy(() -> SafePlistParser.parse(bytes(bomb)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entities");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

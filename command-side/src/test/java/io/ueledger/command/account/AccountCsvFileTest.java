package io.ueledger.command.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountCsvFileTest {

    static List<AccountCsvFile.Row> parse(String text) {
        return AccountCsvFile.parse(text.getBytes(StandardCharsets.UTF_8), 100);
    }

    @Test
    void rows_carry_the_line_a_spreadsheet_would_show_even_after_blank_lines_and_quoted_line_breaks() {
        List<AccountCsvFile.Row> rows = parse("\uFEFFEmail,Display_Name\r\n"
                + "ada@corp.example,Ada\r\n"
                + "\r\n"
                + "bob@corp.example,\"Bob\nthe second\"\r\n"
                + " cy@corp.example , Cy \r\n");
        assertThat(rows).containsExactly(
                new AccountCsvFile.Row(2, "ada@corp.example", "Ada"),
                new AccountCsvFile.Row(4, "bob@corp.example", "Bob\nthe second"),
                new AccountCsvFile.Row(6, "cy@corp.example", "Cy"));
    }

    @Test
    void columns_may_come_in_any_order_and_extra_columns_are_ignored() {
        assertThat(parse("department,display_name,email\nR&D,Ada,ada@corp.example\n"))
                .containsExactly(new AccountCsvFile.Row(2, "ada@corp.example", "Ada"));
    }

    @Test
    void a_file_without_the_required_header_is_refused_at_line_1() {
        assertThatThrownBy(() -> parse("ada@corp.example,Ada\n"))
                .isInstanceOfSatisfying(InvalidAccountFile.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.line()).isEqualTo(1);
                            assertThat(p.reason()).contains("'email' and 'display_name'");
                        }));
    }

    @Test
    void rows_with_a_wrong_number_of_values_are_each_reported() {
        assertThatThrownBy(() -> parse("email,display_name\nada@corp.example\nbob@corp.example,Bob\ncy,Cy,extra\n"))
                .isInstanceOfSatisfying(InvalidAccountFile.class, e -> assertThat(e.problems()).containsExactly(
                        new LineProblem(2, "expected 2 values but found 1"),
                        new LineProblem(4, "expected 2 values but found 3")));
    }

    @Test
    void broken_csv_and_non_utf8_files_are_refused_with_a_reason() {
        assertThatThrownBy(() -> parse("email,display_name\n\"ada@corp.example,Ada\n"))
                .isInstanceOfSatisfying(InvalidAccountFile.class,
                        e -> assertThat(e.problems().get(0).reason()).startsWith("the file is not valid CSV"));
        assertThatThrownBy(() -> AccountCsvFile.parse(new byte[] {'e', (byte) 0xff, '\n'}, 100))
                .isInstanceOfSatisfying(InvalidAccountFile.class,
                        e -> assertThat(e.problems().get(0).reason()).contains("not UTF-8"));
    }

    @Test
    void more_rows_than_the_limit_are_refused() {
        assertThatThrownBy(() -> AccountCsvFile.parse("email,display_name\na@corp.example,A\nb@corp.example,B\n"
                .getBytes(StandardCharsets.UTF_8), 1))
                .isInstanceOf(AccountFileTooLarge.class)
                .hasMessageContaining("more than 1 account rows");
    }
}

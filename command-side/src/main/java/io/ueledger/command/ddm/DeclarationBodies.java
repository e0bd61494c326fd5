package io.ueledger.command.ddm;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The served JSON of every declaration, keyed by its ServerToken. Written in the transaction that
 * saves the set; content-addressed, so saving the same content twice is one row.
 */
@Component
public class DeclarationBodies {

    private final JdbcTemplate jdbc;

    public DeclarationBodies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void store(AuthoredDeclaration declaration, Instant at) {
        jdbc.update("""
                insert into ddm_declaration_body (server_token, identifier, type, body, created_at)
                values (?, ?, ?, ?, ?) on conflict (server_token) do nothing""",
                declaration.ref().serverToken(), declaration.ref().identifier(), declaration.ref().type(),
                declaration.servedJson(), Timestamp.from(at));
    }

    public Optional<byte[]> body(String serverToken) {
        return jdbc.query("select body from ddm_declaration_body where server_token = ?", (rs, i) -> rs.getBytes(1),
                serverToken).stream().findFirst();
    }
}

package io.ueledger.kernel.ddm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeclarationsTokenTest {

    private static final DeclarationRef A = new DeclarationRef("a", "com.apple.configuration.legacy",
            DeclarationCategory.CONFIGURATION, "1".repeat(64));
    private static final DeclarationRef B = new DeclarationRef("b", "com.apple.activation.simple",
            DeclarationCategory.ACTIVATION, "2".repeat(64));

    @Test
    void the_token_does_not_depend_on_order_but_on_every_server_token() {
        assertThat(DeclarationsToken.of(List.of(A, B))).isEqualTo(DeclarationsToken.of(List.of(B, A))).hasSize(64);
        DeclarationRef edited = new DeclarationRef("a", A.type(), A.category(), "3".repeat(64));
        assertThat(DeclarationsToken.of(List.of(edited, B))).isNotEqualTo(DeclarationsToken.of(List.of(A, B)));
        assertThat(DeclarationsToken.of(List.of(B))).isNotEqualTo(DeclarationsToken.of(List.of(A, B)));
    }
}

package io.ueledger.kernel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/** Every transparency-dev/merkle inclusion and consistency vector gives the verdict it expects. */
class ProofVerifierVectorsTest {

    @TestFactory
    Stream<DynamicTest> every_inclusion_vector_gets_the_expected_verdict() {
        List<Path> files = Vectors.jsonFiles("transparency-dev-merkle/testdata/inclusion");
        assertThat(files).hasSize(98);
        return files.stream().map(file -> verdict(file, () -> {
            JsonNode v = Vectors.json(file);
            ProofVerifier.verifyInclusion(Vectors.unsigned(v.get("leafIdx")), Vectors.unsigned(v.get("treeSize")),
                    Vectors.base64(v.get("leafHash")), Vectors.base64List(v.get("proof")), Vectors.base64(v.get("root")));
        }));
    }

    @TestFactory
    Stream<DynamicTest> every_consistency_vector_gets_the_expected_verdict() {
        List<Path> files = Vectors.jsonFiles("transparency-dev-merkle/testdata/consistency");
        assertThat(files).hasSize(98);
        return files.stream().map(file -> verdict(file, () -> {
            JsonNode v = Vectors.json(file);
            ProofVerifier.verifyConsistency(Vectors.unsigned(v.get("size1")), Vectors.unsigned(v.get("size2")),
                    Vectors.base64List(v.get("proof")), Vectors.base64(v.get("root1")), Vectors.base64(v.get("root2")));
        }));
    }

    @Test
    void index_two_to_the_sixty_four_minus_one_is_beyond_any_tree_not_a_negative_number() {
        byte[] leaf = Rfc6962.leafHash(new byte[0]);
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(-1L, 1, leaf, List.of(), leaf))
                .isInstanceOf(InvalidProof.class)
                .hasMessageContaining("18446744073709551615");
    }

    private static DynamicTest verdict(Path file, Executable verification) {
        JsonNode v = Vectors.json(file);
        boolean wantError = v.path("wantErr").asBoolean();
        String name = file.getParent().getFileName() + "/" + file.getFileName() + (wantError ? " rejected" : " accepted");
        return DynamicTest.dynamicTest(name, () -> {
            if (wantError) {
                assertThatThrownBy(verification::execute).isInstanceOf(InvalidProof.class);
            } else {
                assertThatCode(verification::execute).doesNotThrowAnyException();
            }
        });
    }
}

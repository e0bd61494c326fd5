package io.ueledger.kernel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** C2SP signed notes and checkpoints: the Go sumdb and C2SP vectors, byte for byte. */
class SignedNoteTest {

    private static final String PETER_NOTE = Vectors.text("golang-sumdb-note/peterneumann.note");
    private static final String PETER_SKEY = Vectors.text("golang-sumdb-note/peterneumann.skey");
    private static final String PETER_VKEY = Vectors.text("golang-sumdb-note/peterneumann.vkey");
    private static final String LOG_SKEY = Vectors.text("derived/c2sp-checkpoints/log.skey");
    private static final String LOG_VKEY = Vectors.text("derived/c2sp-checkpoints/log.vkey");

    @Test
    void the_go_sumdb_test_key_reproduces_its_known_signature() {
        NoteSigner signer = NoteSigner.fromSignerKey(PETER_SKEY);
        String text = PETER_NOTE.substring(0, PETER_NOTE.indexOf("\n\n") + 1);

        assertThat(signer.sign(text)).isEqualTo(PETER_NOTE);
        assertThat(signer.verifierKey()).isEqualTo(PETER_VKEY.strip());
    }

    @Test
    void the_go_sumdb_note_verifies_and_returns_its_text() throws Exception {
        assertThat(NoteVerifier.fromVerifierKey(PETER_VKEY).verify(PETER_NOTE))
                .startsWith("If you think cryptography is the answer to your problem,\n")
                .endsWith("don't know what your problem is.\n");
    }

    @Test
    void the_c2sp_spec_example_verifies() throws Exception {
        NoteVerifier verifier = NoteVerifier.fromVerifierKey(Vectors.text("c2sp/signed-note-example.vkey"));
        assertThat(verifier.verify(Vectors.text("c2sp/signed-note-example.note")))
                .isEqualTo("This is an example message.\n");
    }

    @Test
    void a_tampered_note_fails() {
        NoteVerifier verifier = NoteVerifier.fromVerifierKey(PETER_VKEY);
        String tampered = PETER_NOTE.replace("cryptography", "Cryptography");

        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(InvalidProof.class)
                .hasMessageContaining("no valid signature by PeterNeumann");
    }

    @Test
    void a_note_signed_by_another_key_fails() {
        NoteVerifier other = NoteVerifier.fromVerifierKey(
                NoteSigner.generate("PeterNeumann", new SecureRandom()).verifierKey());
        assertThatThrownBy(() -> other.verify(PETER_NOTE)).isInstanceOf(InvalidProof.class);
    }

    @Test
    void reference_checkpoints_are_reproduced_byte_for_byte_and_verify() throws Exception {
        NoteSigner signer = NoteSigner.fromSignerKey(LOG_SKEY);
        NoteVerifier verifier = NoteVerifier.fromVerifierKey(LOG_VKEY);
        for (String file : new String[] {"checkpoint-5.txt", "checkpoint-8.txt"}) {
            String expected = Vectors.text("derived/c2sp-checkpoints/" + file);
            Checkpoint checkpoint = Checkpoint.parse(verifier.verify(expected));
            assertThat(signer.sign(checkpoint.body())).as(file).isEqualTo(expected);
        }
        Checkpoint eight = Checkpoint.parse(verifier.verify(Vectors.text("derived/c2sp-checkpoints/checkpoint-8.txt")));
        assertThat(eight.origin()).isEqualTo("example.com/mdm-audit-ledger-test");
        assertThat(eight.size()).isEqualTo(8);
        assertThat(Base64.getEncoder().encodeToString(eight.rootHash()))
                .isEqualTo("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=");
    }

    @Test
    void a_cosigned_checkpoint_still_verifies_with_the_log_key() throws Exception {
        String cosigned = Vectors.text("derived/c2sp-checkpoints/checkpoint-8-cosigned.txt");
        assertThat(SignedNote.parse(cosigned).signatures()).hasSize(2);
        assertThat(Checkpoint.parse(NoteVerifier.fromVerifierKey(LOG_VKEY).verify(cosigned)).size()).isEqualTo(8);
    }

    @Test
    void a_generated_key_round_trips_through_its_key_strings() throws Exception {
        NoteSigner signer = NoteSigner.generate("ue-ledger.corp.example/ledger", new SecureRandom());
        NoteSigner reread = NoteSigner.fromSignerKey(signer.signerKey());
        String note = reread.sign("ue-ledger.corp.example/ledger\n3\n" + Base64.getEncoder()
                .encodeToString(Rfc6962.emptyRoot()) + "\n");

        assertThat(NoteVerifier.fromVerifierKey(signer.verifierKey()).verify(note)).contains("\n3\n");
    }

    @Test
    void malformed_keys_and_notes_are_refused_with_a_reason() {
        assertThatThrownBy(() -> NoteVerifier.fromVerifierKey("name+zzzz+AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteVerifier.fromVerifierKey(PETER_VKEY.replace("c74f20a3", "c74f20a4")))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> SignedNote.parse("text\n")).isInstanceOf(InvalidProof.class);
        assertThatThrownBy(() -> SignedNote.parse("text\n\n- name AAAAAAAA\n"))
                .isInstanceOf(InvalidProof.class);
        assertThatThrownBy(() -> Checkpoint.parse("origin\n-1\n" + Base64.getEncoder()
                .encodeToString(Rfc6962.emptyRoot()) + "\n")).hasMessageContaining("not a decimal");
    }
}

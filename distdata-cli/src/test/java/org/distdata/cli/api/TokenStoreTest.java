package org.distdata.cli.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class TokenStoreTest {

    @Test
    void savedTokenIsReadBackAndOnlyOwnerMayReadIt(@TempDir Path dir) throws Exception {
        TokenStore store = new TokenStore(dir.resolve("state"));

        store.save("http://127.0.0.1:8080", "admin", "tok-123");

        assertThat(store.load("http://127.0.0.1:8080", "admin")).contains("tok-123");
        Path file = store.fileFor("http://127.0.0.1:8080", "admin");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void tokensAreKeptPerUrlAndUser(@TempDir Path dir) {
        TokenStore store = new TokenStore(dir);
        store.save("http://127.0.0.1:8080", "admin", "a");

        assertThat(store.load("http://127.0.0.1:8081", "admin")).isEmpty();
        assertThat(store.load("http://127.0.0.1:8080", "bob")).isEmpty();
    }

    @Test
    void forgottenTokenIsGone(@TempDir Path dir) {
        TokenStore store = new TokenStore(dir);
        store.save("u", "admin", "a");

        store.forget("u", "admin");

        assertThat(store.load("u", "admin")).isEmpty();
    }
}

package org.distdata.cli.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Caches bearer tokens on disk (one owner-only file, mode 0600, per API URL and user) so
 * that successive CLI runs log in once and reuse the token until the server answers 401.
 */
public final class TokenStore {

    private final Path directory;

    public TokenStore(Path directory) {
        this.directory = directory;
    }

    public Optional<String> load(String baseUrl, String user) {
        Path file = fileFor(baseUrl, user);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            return Optional.empty(); // an unreadable cache only costs one login
        }
    }

    public void save(String baseUrl, String user, String token) {
        Path file = fileFor(baseUrl, user);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".token", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, token, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not fatal: the next run logs in again.
        }
    }

    public void forget(String baseUrl, String user) {
        try {
            Files.deleteIfExists(fileFor(baseUrl, user));
        } catch (IOException e) {
            // Not fatal: a stale token is replaced after the next 401.
        }
    }

    Path fileFor(String baseUrl, String user) {
        return directory.resolve("token-" + sanitize(user) + "-" + shortHash(baseUrl));
    }

    private static String sanitize(String user) {
        return user.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

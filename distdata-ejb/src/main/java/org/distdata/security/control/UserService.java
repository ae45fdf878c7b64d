package org.distdata.security.control;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.security.entity.Role;
import org.distdata.security.entity.UserAccount;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * User administration (the {@code /api/v1/users} endpoints). Validates input, hashes
 * passwords, revokes a user's tokens when the password changes or the user is disabled,
 * and never lets the last enabled admin be deleted, disabled or demoted — the cluster would
 * be left without anyone able to administer it. Writes are serialized so that last-admin
 * check and change are atomic.
 */
public final class UserService {
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 1024;

    private final UserStore store;
    private final PasswordHasher hasher;

    UserService(UserStore store, PasswordHasher hasher) {
        this.store = store;
        this.hasher = hasher;
    }

    public List<UserView> list() {
        return store.all().stream().map(StoredUser::view).toList();
    }

    public synchronized UserView create(String username, String password, Set<Role> roles) {
        requireValidUsername(username);
        requireValidPassword(password);
        requireRoles(roles);
        if (store.find(username).isPresent()) {
            throw new DistDataException(ErrorCode.CONSTRAINT_VIOLATION, "user '" + username + "' already exists");
        }
        UserAccount account = new UserAccount(username, hasher.hash(password), EnumSet.copyOf(roles));
        store.insert(account);
        return StoredUser.of(account).view();
    }

    public synchronized UserView update(String username, Optional<String> password, Optional<Set<Role>> roles,
                                        Optional<Boolean> enabled) {
        StoredUser current = existing(username);
        password.ifPresent(UserService::requireValidPassword);
        roles.ifPresent(UserService::requireRoles);
        boolean staysAdmin = roles.map(r -> r.contains(Role.ADMIN)).orElse(current.roles().contains(Role.ADMIN))
                && enabled.orElse(current.enabled());
        if (current.isEnabledAdmin() && !staysAdmin) {
            requireAnotherEnabledAdmin(username);
        }
        String newHash = password.map(hasher::hash).orElse(null);
        return store.modify(username, a -> {
            boolean revoke = false;
            if (newHash != null) {
                a.passwordHash(newHash);
                revoke = true;
            }
            roles.ifPresent(r -> a.roles(EnumSet.copyOf(r)));
            if (enabled.isPresent()) {
                revoke |= a.enabled() && !enabled.get();
                a.enabled(enabled.get());
            }
            if (revoke) {
                a.bumpTokenVersion();
            }
        }).view();
    }

    public synchronized void delete(String username) {
        StoredUser current = existing(username);
        if (current.isEnabledAdmin()) {
            requireAnotherEnabledAdmin(username);
        }
        store.delete(username);
    }

    /** Creates the first admin if there is no user at all; returns whether it did. */
    synchronized boolean createFirstAdmin(String username, String password) {
        if (!store.isEmpty()) {
            return false;
        }
        requireValidPassword(password);
        store.insert(new UserAccount(username, hasher.hash(password), EnumSet.of(Role.ADMIN)));
        return true;
    }

    private StoredUser existing(String username) {
        return store.find(username == null ? "" : username)
                .orElseThrow(() -> new DistDataException(ErrorCode.NOT_FOUND, "no user '" + username + "'"));
    }

    private void requireAnotherEnabledAdmin(String username) {
        boolean another = store.all().stream()
                .anyMatch(u -> u.isEnabledAdmin() && !u.username().equals(username));
        if (!another) {
            throw new DistDataException(ErrorCode.CONSTRAINT_VIOLATION,
                    "'" + username + "' is the last enabled admin; create or enable another admin first");
        }
    }

    private static void requireValidUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new DistDataException(ErrorCode.BAD_REQUEST,
                    "username must be 1-64 characters of letters, digits, '_', '.', '@' or '-', starting with a letter or digit");
        }
    }

    private static void requireValidPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw new DistDataException(ErrorCode.BAD_REQUEST,
                    "password must have " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters");
        }
    }

    private static void requireRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(java.util.Objects::isNull)) {
            throw new DistDataException(ErrorCode.BAD_REQUEST, "at least one role (admin, writer, reader) is required");
        }
    }
}

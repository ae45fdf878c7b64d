package org.distdata.security.control;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.meta.MetaCommand;
import org.distdata.meta.MetaLog;
import org.distdata.security.entity.Role;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * User administration (the {@code /api/v1/users} endpoints). Validates input and hashes
 * passwords here, then changes users through the meta log; the meta state machine settles
 * what must hold cluster-wide, in log order: a name is taken once, a password change or a
 * disable revokes the user's tokens, and the last enabled admin is never deleted, disabled or
 * demoted — the cluster would be left without anyone able to administer it. Its refusals
 * come back as the same errors as before. Reads are served by this node's user store.
 */
public final class UserService {
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 1024;

    private final MetaLog log;
    private final UserStore store;
    private final PasswordHasher hasher;

    UserService(MetaLog log, UserStore store, PasswordHasher hasher) {
        this.log = log;
        this.store = store;
        this.hasher = hasher;
    }

    public List<UserView> list() {
        return store.all().stream().map(StoredUser::view).toList();
    }

    public UserView create(String username, String password, Set<Role> roles) {
        requireValidUsername(username);
        requireValidPassword(password);
        requireRoles(roles);
        if (store.find(username).isPresent()) { // spares the hashing; the state machine decides
            throw new DistDataException(ErrorCode.CONSTRAINT_VIOLATION, "user '" + username + "' already exists");
        }
        log.submit(new MetaCommand.UserCreated(username, hasher.hash(password), roles));
        return existing(username).view();
    }

    public UserView update(String username, Optional<String> password, Optional<Set<Role>> roles,
                           Optional<Boolean> enabled) {
        existing(username);
        password.ifPresent(UserService::requireValidPassword);
        roles.ifPresent(UserService::requireRoles);
        String newHash = password.map(hasher::hash).orElse(null);
        log.submit(new MetaCommand.UserUpdated(username, newHash, roles.orElse(null), enabled.orElse(null)));
        return existing(username).view();
    }

    public void delete(String username) {
        existing(username);
        log.submit(new MetaCommand.UserDeleted(username));
    }

    /**
     * Proposes the cluster's first admin; returns whether this proposal created it. When
     * several nodes start at once, only the first proposal in the log finds no user.
     */
    boolean createFirstAdmin(String username, String password) {
        if (!store.isEmpty()) {
            return false;
        }
        requireValidPassword(password);
        try {
            log.submit(new MetaCommand.FirstAdminCreated(username, hasher.hash(password)));
            return true;
        } catch (DistDataException e) {
            if (e.code() != ErrorCode.CONSTRAINT_VIOLATION) {
                throw e;
            }
            return false; // another node's first admin came first
        }
    }

    private StoredUser existing(String username) {
        return store.find(username == null ? "" : username)
                .orElseThrow(() -> new DistDataException(ErrorCode.NOT_FOUND, "no user '" + username + "'"));
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

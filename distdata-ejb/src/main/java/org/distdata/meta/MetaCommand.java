package org.distdata.meta;

import org.distdata.catalog.entity.StoredStatistics;
import org.distdata.catalog.entity.TableDef;
import org.distdata.security.entity.Role;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A change to the cluster's metadata, as the meta Raft group (group 0) replicates it: every
 * node applies the same commands in the same order through {@link MetaStateMachine}, which
 * is the only writer of the metadata database. A command carries everything its effect
 * depends on (hashes, key material, timestamps chosen by the proposer), so that applying it
 * is deterministic; conditional commands (create only if absent, refuse if it would remove
 * the last admin) are decided by the state they are applied to, never by the proposer's view.
 * {@link MetaCodec} gives each type a stable tag.
 */
public sealed interface MetaCommand {

    /** Commands that change tables, views and their statistics. */
    sealed interface CatalogCommand extends MetaCommand {
    }

    /** Commands that change users, token signing keys and revoked tokens. */
    sealed interface SecurityCommand extends MetaCommand {
    }

    /** A new table with its full shape; refused when a table or view of that name exists. */
    record TableRegistered(TableDef table) implements CatalogCommand {
        public TableRegistered {
            Objects.requireNonNull(table, "table");
        }
    }

    /** An existing table's new shape (an index created or dropped); refused when there is no such table. */
    record TableAltered(TableDef table) implements CatalogCommand {
        public TableAltered {
            Objects.requireNonNull(table, "table");
        }
    }

    /** Forgets a table and its statistics; dropping an unknown table changes nothing. */
    record TableDropped(String name) implements CatalogCommand {
        public TableDropped {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A new view; refused when a table or view of that name exists. */
    record ViewCreated(String name, String sql) implements CatalogCommand {
        public ViewCreated {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sql, "sql");
        }
    }

    /** Forgets a view; dropping an unknown view changes nothing. */
    record ViewDropped(String name) implements CatalogCommand {
        public ViewDropped {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Replaces a table's statistics; ignored when the table no longer exists (a DROP raced the ANALYZE). */
    record StatisticsStored(StoredStatistics statistics) implements CatalogCommand {
        public StatisticsStored {
            Objects.requireNonNull(statistics, "statistics");
        }
    }

    /** A new user; refused when the name is taken. */
    record UserCreated(String username, String passwordHash, Set<Role> roles) implements SecurityCommand {
        public UserCreated {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordHash, "passwordHash");
            roles = Set.copyOf(roles);
        }
    }

    /**
     * The cluster's first admin, created only if there is no user at all: when N nodes start
     * at once, each proposes one and the first in the log wins; the others are refused.
     */
    record FirstAdminCreated(String username, String passwordHash) implements SecurityCommand {
        public FirstAdminCreated {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordHash, "passwordHash");
        }
    }

    /**
     * Changes the non-null fields of a user. A new password hash or a disable revokes every
     * token of the user. Refused for an unknown user, and when it would leave no enabled admin.
     */
    record UserUpdated(String username, String passwordHash, Set<Role> roles, Boolean enabled)
            implements SecurityCommand {
        public UserUpdated {
            Objects.requireNonNull(username, "username");
            roles = roles == null ? null : Set.copyOf(roles);
        }
    }

    /**
     * The same password stored again with more iterations, at a login (the only moment the
     * plain password is at hand). Not a password change: tokens stay. Applied only while the
     * user still has {@code previousHash}, so it can never undo a password change that
     * reached the log first.
     */
    record PasswordRehashed(String username, String previousHash, String passwordHash) implements SecurityCommand {
        public PasswordRehashed {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(previousHash, "previousHash");
            Objects.requireNonNull(passwordHash, "passwordHash");
        }
    }

    /** Deletes a user; refused for an unknown user and for the last enabled admin. */
    record UserDeleted(String username) implements SecurityCommand {
        public UserDeleted {
            Objects.requireNonNull(username, "username");
        }
    }

    /** Revokes every token issued to a user so far (its token version moves on); refused for an unknown user. */
    record UserTokensRevoked(String username) implements SecurityCommand {
        public UserTokensRevoked {
            Objects.requireNonNull(username, "username");
        }
    }

    /**
     * The cluster's first token signing key, added only if there is none yet: like the first
     * admin, the first such command in the log wins. The key itself travels in the command
     * so that every node verifies tokens signed by any node.
     */
    record SigningKeyAdded(String keyId, byte[] key) implements SecurityCommand {
        public SigningKeyAdded {
            Objects.requireNonNull(keyId, "keyId");
            key = requireKey(key);
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SigningKeyAdded k && k.keyId.equals(keyId) && Arrays.equals(k.key, key);
        }

        @Override
        public int hashCode() {
            return keyId.hashCode() * 31 + Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "SigningKeyAdded[keyId=" + keyId + ", key=<" + key.length + " bytes>]"; // never log the key
        }
    }

    /**
     * A new signing key for new tokens. Keys in use until now still verify tokens until
     * {@code previousValidUntilEpochMillis} (the proposer's clock plus the token lifetime);
     * keys whose time had passed at {@code rotatedAtEpochMillis} are deleted.
     */
    record SigningKeyRotated(String keyId, byte[] key, long rotatedAtEpochMillis, long previousValidUntilEpochMillis)
            implements SecurityCommand {
        public SigningKeyRotated {
            Objects.requireNonNull(keyId, "keyId");
            key = requireKey(key);
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SigningKeyRotated k && k.keyId.equals(keyId) && Arrays.equals(k.key, key)
                    && k.rotatedAtEpochMillis == rotatedAtEpochMillis
                    && k.previousValidUntilEpochMillis == previousValidUntilEpochMillis;
        }

        @Override
        public int hashCode() {
            return Objects.hash(keyId, Arrays.hashCode(key), rotatedAtEpochMillis, previousValidUntilEpochMillis);
        }

        @Override
        public String toString() {
            return "SigningKeyRotated[keyId=" + keyId + ", key=<" + key.length + " bytes>, rotatedAt="
                    + rotatedAtEpochMillis + ", previousValidUntil=" + previousValidUntilEpochMillis + "]";
        }
    }

    /**
     * One token revoked (logout) until it expires. Revocations that had expired at
     * {@code revokedAtEpochMillis} are pruned when it is applied, so the table stays small
     * without any node deleting rows on its own.
     */
    record TokenRevoked(String tokenId, long expiresAtEpochMillis, long revokedAtEpochMillis)
            implements SecurityCommand {
        public TokenRevoked {
            Objects.requireNonNull(tokenId, "tokenId");
        }
    }

    /** HMAC-SHA256 keys of at least 256 bits, as the token signer demands; copied, since arrays are mutable. */
    private static byte[] requireKey(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("token signing key must have at least 256 bits, has " + key.length * 8);
        }
        return key.clone();
    }

    /** A cluster setting; with {@code onlyIfAbsent}, an existing value wins (first writer at cluster init). */
    record SettingPut(String name, String value, boolean onlyIfAbsent) implements MetaCommand {
        public SettingPut {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}

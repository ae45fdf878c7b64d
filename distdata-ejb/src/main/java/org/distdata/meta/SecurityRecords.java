package org.distdata.meta;

import jakarta.persistence.EntityManager;
import org.distdata.error.ErrorCode;
import org.distdata.meta.MetaCommand.FirstAdminCreated;
import org.distdata.meta.MetaCommand.PasswordRehashed;
import org.distdata.meta.MetaCommand.SecurityCommand;
import org.distdata.meta.MetaCommand.SigningKeyAdded;
import org.distdata.meta.MetaCommand.SigningKeyRotated;
import org.distdata.meta.MetaCommand.TokenRevoked;
import org.distdata.meta.MetaCommand.UserCreated;
import org.distdata.meta.MetaCommand.UserDeleted;
import org.distdata.meta.MetaCommand.UserTokensRevoked;
import org.distdata.meta.MetaCommand.UserUpdated;
import org.distdata.security.entity.RevokedToken;
import org.distdata.security.entity.Role;
import org.distdata.security.entity.TokenSigningKey;
import org.distdata.security.entity.UserAccount;

import java.util.EnumSet;
import java.util.List;

/**
 * Writes security commands into the metadata database: users, token signing keys and revoked
 * tokens. The rules that must hold cluster-wide live here, where the order of commands is
 * settled: a username is taken once, the first admin and the first signing key are created
 * once, and the last enabled admin is never deleted, disabled or demoted.
 */
final class SecurityRecords {
    private SecurityRecords() {
    }

    static MetaOutcome apply(EntityManager em, SecurityCommand command) {
        if (command instanceof UserCreated c) {
            if (em.find(UserAccount.class, c.username()) != null) {
                return MetaOutcome.refused(ErrorCode.CONSTRAINT_VIOLATION, "user '" + c.username() + "' already exists");
            }
            em.persist(new UserAccount(c.username(), c.passwordHash(), c.roles()));
        } else if (command instanceof FirstAdminCreated c) {
            if (!users(em).isEmpty()) {
                return MetaOutcome.refused(ErrorCode.CONSTRAINT_VIOLATION, "the cluster has users already");
            }
            em.persist(new UserAccount(c.username(), c.passwordHash(), EnumSet.of(Role.ADMIN)));
        } else if (command instanceof UserUpdated c) {
            return update(em, c);
        } else if (command instanceof PasswordRehashed c) {
            UserAccount a = em.find(UserAccount.class, c.username());
            if (a != null && a.passwordHash().equals(c.previousHash())) {
                a.passwordHash(c.passwordHash());
            }
        } else if (command instanceof UserDeleted c) {
            UserAccount a = em.find(UserAccount.class, c.username());
            if (a == null) {
                return noSuchUser(c.username());
            }
            if (isEnabledAdmin(a) && !anotherEnabledAdmin(em, c.username())) {
                return lastAdmin(c.username());
            }
            em.remove(a);
        } else if (command instanceof UserTokensRevoked c) {
            UserAccount a = em.find(UserAccount.class, c.username());
            if (a == null) {
                return noSuchUser(c.username());
            }
            a.bumpTokenVersion();
        } else if (command instanceof SigningKeyAdded c) {
            if (em.createQuery("SELECT k FROM TokenSigningKey k", TokenSigningKey.class).getResultList().isEmpty()) {
                em.persist(new TokenSigningKey(c.keyId(), c.key()));
            }
        } else if (command instanceof SigningKeyRotated c) {
            return rotate(em, c);
        } else if (command instanceof TokenRevoked c) {
            if (em.find(RevokedToken.class, c.tokenId()) == null) {
                em.persist(new RevokedToken(c.tokenId(), c.expiresAtEpochMillis()));
            }
            em.createQuery("DELETE FROM RevokedToken r WHERE r.expiresAtEpochMillis < :now")
                    .setParameter("now", c.revokedAtEpochMillis()).executeUpdate();
        } else {
            throw new IllegalArgumentException("not a security command: " + command);
        }
        return MetaOutcome.ACCEPTED;
    }

    private static MetaOutcome update(EntityManager em, UserUpdated c) {
        UserAccount a = em.find(UserAccount.class, c.username());
        if (a == null) {
            return noSuchUser(c.username());
        }
        boolean staysAdmin = (c.roles() != null ? c.roles() : a.roles()).contains(Role.ADMIN)
                && (c.enabled() != null ? c.enabled() : a.enabled());
        if (isEnabledAdmin(a) && !staysAdmin && !anotherEnabledAdmin(em, c.username())) {
            return lastAdmin(c.username());
        }
        boolean revoke = false;
        if (c.passwordHash() != null) {
            a.passwordHash(c.passwordHash());
            revoke = true;
        }
        if (c.roles() != null) {
            a.roles(c.roles());
        }
        if (c.enabled() != null) {
            revoke |= a.enabled() && !c.enabled();
            a.enabled(c.enabled());
        }
        if (revoke) {
            a.bumpTokenVersion();
        }
        return MetaOutcome.ACCEPTED;
    }

    private static MetaOutcome rotate(EntityManager em, SigningKeyRotated c) {
        if (em.find(TokenSigningKey.class, c.keyId()) != null) {
            return MetaOutcome.refused(ErrorCode.CONSTRAINT_VIOLATION, "signing key id " + c.keyId() + " is taken");
        }
        for (TokenSigningKey k : em.createQuery("SELECT k FROM TokenSigningKey k", TokenSigningKey.class)
                .getResultList()) {
            if (k.current()) {
                k.retire(c.previousValidUntilEpochMillis());
            } else if (k.validUntilEpochMillis() < c.rotatedAtEpochMillis()) {
                em.remove(k); // its tokens have all expired
            }
        }
        em.persist(new TokenSigningKey(c.keyId(), c.key()));
        return MetaOutcome.ACCEPTED;
    }

    private static List<UserAccount> users(EntityManager em) {
        return em.createQuery("SELECT u FROM UserAccount u", UserAccount.class).getResultList();
    }

    private static boolean isEnabledAdmin(UserAccount a) {
        return a.enabled() && a.roles().contains(Role.ADMIN);
    }

    private static boolean anotherEnabledAdmin(EntityManager em, String username) {
        return users(em).stream().anyMatch(u -> isEnabledAdmin(u) && !u.username().equals(username));
    }

    private static MetaOutcome noSuchUser(String username) {
        return MetaOutcome.refused(ErrorCode.NOT_FOUND, "no user '" + username + "'");
    }

    private static MetaOutcome lastAdmin(String username) {
        return MetaOutcome.refused(ErrorCode.CONSTRAINT_VIOLATION,
                "'" + username + "' is the last enabled admin; create or enable another admin first");
    }
}

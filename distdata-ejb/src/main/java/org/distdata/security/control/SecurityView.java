package org.distdata.security.control;

import org.distdata.meta.MetaCommand;
import org.distdata.meta.MetaListener;
import org.distdata.meta.MetadataDatabase;

import java.time.Clock;
import java.time.Instant;

/**
 * This node's in-memory security state — users, revoked tokens, signing keys — loaded from
 * the metadata database and kept current by the meta state machine, so that a user created,
 * a password changed, a token revoked or a key rotated on any node counts here too.
 */
final class SecurityView implements MetaListener {
    final UserStore users;
    final RevokedTokens revoked;
    final TokenKeyRing keys;

    private SecurityView(UserStore users, RevokedTokens revoked, TokenKeyRing keys) {
        this.users = users;
        this.revoked = revoked;
        this.keys = keys;
    }

    static SecurityView load(MetadataDatabase db, Clock clock) {
        return new SecurityView(UserStore.load(db), RevokedTokens.load(db, clock), new TokenKeyRing(db));
    }

    @Override
    public void published(MetaCommand command) {
        if (command instanceof MetaCommand.UserCreated c) {
            users.reload(c.username());
        } else if (command instanceof MetaCommand.FirstAdminCreated c) {
            users.reload(c.username());
        } else if (command instanceof MetaCommand.UserUpdated c) {
            users.reload(c.username());
        } else if (command instanceof MetaCommand.PasswordRehashed c) {
            users.reload(c.username());
        } else if (command instanceof MetaCommand.UserDeleted c) {
            users.reload(c.username());
        } else if (command instanceof MetaCommand.UserTokensRevoked c) {
            users.reload(c.username());
        } else if (command instanceof MetaCommand.SigningKeyAdded || command instanceof MetaCommand.SigningKeyRotated) {
            keys.reload();
        } else if (command instanceof MetaCommand.TokenRevoked c) {
            revoked.revoked(c.tokenId(), Instant.ofEpochMilli(c.expiresAtEpochMillis()),
                    Instant.ofEpochMilli(c.revokedAtEpochMillis()));
        }
    }
}

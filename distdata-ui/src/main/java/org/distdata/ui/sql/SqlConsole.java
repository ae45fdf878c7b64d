package org.distdata.ui.sql;

import org.distdata.security.control.StatementKind;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.relation.SqlResult;
import org.distdata.security.control.AuthService;
import org.distdata.security.control.Caller;
import org.distdata.security.entity.Role;
import org.distdata.sql.SqlEngine;
import org.distdata.sql.SqlStatement;
import org.distdata.ui.login.ConsoleUser;
import org.distdata.ui.sql.SqlOutcome.Failed;
import org.distdata.ui.sql.SqlOutcome.Rows;
import org.distdata.ui.sql.SqlOutcome.Updated;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the SQL editor's statement as the logged-in user. The user's token is verified on
 * every run (so a disabled or demoted user is stopped at once) and the statement's
 * {@link StatementKind} must be allowed to the user's current roles, before the engine sees
 * it. Every failure becomes a {@link Failed} with the API's error code, never an exception.
 */
public final class SqlConsole {
    private static final Logger LOG = Logger.getLogger(SqlConsole.class.getName());

    private final AuthService auth;
    private final SqlEngine engine;

    public SqlConsole(AuthService auth, SqlEngine engine) {
        this.auth = auth;
        this.engine = engine;
    }

    public SqlOutcome run(ConsoleUser user, String editorText) {
        try {
            Caller caller = auth.verify(user.token()).orElseThrow(() -> new DistDataException(
                    ErrorCode.UNAUTHENTICATED, "your console session has expired or was revoked; log in again"));
            String sql = StatementText.single(editorText);
            StatementKind kind = StatementKind.of(sql);
            if (!caller.has(kind.requiredRole())) {
                String yourRole = caller.effectiveRoles().stream().max(Enum::compareTo).map(Role::id).orElse("none");
                return new Failed(ErrorCode.FORBIDDEN, "your role (" + yourRole + ") may not run "
                        + kind.description() + "; that needs role " + kind.requiredRole().id());
            }
            SqlResult result = engine.execute(SqlStatement.of(sql));
            return result.updateCount() == null
                    ? new Rows(result)
                    : new Updated(result.updateCount(), result.elapsedMs(), kind);
        } catch (DistDataException e) {
            return new Failed(e.code(), e.detail());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "console statement failed unexpectedly", e);
            return new Failed(ErrorCode.INTERNAL, String.valueOf(e.getMessage()));
        }
    }
}

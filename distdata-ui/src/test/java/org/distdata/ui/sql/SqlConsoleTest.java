package org.distdata.ui.sql;

import org.distdata.security.control.StatementKind;

import org.distdata.error.ErrorCode;
import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.security.entity.Role;
import org.distdata.sql.SqlStatement;
import org.distdata.ui.FakeContainerLogin;
import org.distdata.ui.login.ConsoleLogin;
import org.distdata.ui.login.ConsoleUser;
import org.distdata.ui.login.LoginOutcome.Accepted;
import org.distdata.ui.sql.SqlOutcome.Failed;
import org.distdata.ui.sql.SqlOutcome.Rows;
import org.distdata.ui.sql.SqlOutcome.Updated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Running console SQL on a real node, as users of each role. */
class SqlConsoleTest {
    @TempDir
    static Path dir;
    static Node node;
    static SqlConsole console;

    @BeforeAll
    static void open() {
        node = Node.open(new NodeConfig("test", dir, 4, Optional.of("adminpw1234"), Duration.ofHours(1)));
        console = new SqlConsole(node.auth(), node.sql());
        node.sql().execute(SqlStatement.of("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))"));
        node.sql().execute(SqlStatement.of("INSERT INTO t VALUES (1, 'Ada')"));
        node.users().create("rita", "rita-password", Set.of(Role.READER));
        node.users().create("wes", "wes-password", Set.of(Role.WRITER));
    }

    @AfterAll
    static void close() {
        node.close();
    }

    private static ConsoleUser user(String name) {
        String password = name.equals("admin") ? "adminpw1234" : name + "-password";
        return ((Accepted) new ConsoleLogin(node.auth(), new FakeContainerLogin()).attempt(name, password, null)).user();
    }

    @Test
    void aQueryReturnsItsRows() {
        SqlOutcome outcome = console.run(user("rita"), "SELECT id, name FROM t WHERE id = 1;");

        assertThat(outcome).isInstanceOf(Rows.class);
        assertThat(((Rows) outcome).result().rows()).containsExactly(List.of(1, "Ada"));
    }

    @Test
    void aWriterMayChangeDataAndGetsTheUpdateCount() {
        SqlOutcome outcome = console.run(user("wes"), "INSERT INTO t VALUES (2, 'Bob')");

        assertThat(outcome).isInstanceOf(Updated.class);
        assertThat(((Updated) outcome).count()).isEqualTo(1);
        assertThat(((Updated) outcome).kind()).isEqualTo(StatementKind.WRITE);
    }

    @Test
    void aReaderIsRefusedAWriteAndNothingChanges() {
        SqlOutcome outcome = console.run(user("rita"), "INSERT INTO t VALUES (3, 'Eve')");

        assertThat(outcome).isInstanceOf(Failed.class);
        Failed failed = (Failed) outcome;
        assertThat(failed.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(failed.detail()).isEqualTo("your role (reader) may not run data changes (INSERT, UPDATE, DELETE, MERGE);"
                + " that needs role writer");
        assertThat(node.sql().execute(SqlStatement.of("SELECT id FROM t WHERE id = 3")).rows()).isEmpty();
    }

    @Test
    void aWriterIsRefusedDdl() {
        SqlOutcome outcome = console.run(user("wes"), "DROP TABLE t");

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void aSyntaxErrorComesBackAsTheEnginesCodeAndDetail() {
        SqlOutcome outcome = console.run(user("admin"), "SELECT * FORM t");

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).code()).isEqualTo(ErrorCode.SQL_SYNTAX);
        assertThat(((Failed) outcome).detail()).isNotBlank();
    }

    @Test
    void aRevokedTokenStopsTheSessionBeforeTheEngineRunsAnything() {
        ConsoleUser admin = user("admin");
        node.auth().logout(admin.token());

        SqlOutcome outcome = console.run(admin, "DROP TABLE t");

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(node.catalog().tables()).anySatisfy(t -> assertThat(t.name()).isEqualToIgnoringCase("t"));
    }
}

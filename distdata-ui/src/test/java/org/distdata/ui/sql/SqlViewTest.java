package org.distdata.ui.sql;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import org.distdata.security.entity.Role;
import org.distdata.ui.ConsoleTestBed;
import org.distdata.node.Node;
import org.distdata.sql.SqlStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.ShortcutsKt.fireShortcut;
import static org.assertj.core.api.Assertions.assertThat;

/** The SQL page, browserless, running real SQL on a real node. */
class SqlViewTest {
    @TempDir
    static Path dir;
    static Node node;
    ConsoleTestBed console;

    @BeforeAll
    static void openNode() {
        node = ConsoleTestBed.openNode(dir);
        node.sql().execute(SqlStatement.of("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40), city VARCHAR(40))"));
        node.sql().execute(SqlStatement.of("INSERT INTO customers VALUES (1, 'Ada', 'London')"));
        node.sql().execute(SqlStatement.of("INSERT INTO customers VALUES (2, 'Grace', NULL)"));
        ConsoleTestBed.createUser(node, "rita", "readerpw123", Role.READER);
    }

    @AfterAll
    static void closeNode() {
        node.close();
    }

    @BeforeEach
    void open() {
        console = new ConsoleTestBed(node);
    }

    @AfterEach
    void close() {
        console.close();
    }

    private void run(String sql) {
        _setValue(_get(TextArea.class, spec -> spec.withId("sql-editor")), sql);
        _click(_get(Button.class, spec -> spec.withId("run")));
    }

    @SuppressWarnings("unchecked")
    private static Grid<ResultGrid.Row> grid() {
        return _get(Grid.class, spec -> spec.withId("sql-results"));
    }

    private static String status() {
        return _get(Span.class, spec -> spec.withId("sql-status")).getText();
    }

    private static Div error() {
        return _get(Div.class, spec -> spec.withId("sql-error"));
    }

    private static void assertNoError() {
        _assertNone(Div.class, spec -> spec.withId("sql-error"));
    }

    /** The text a result cell shows (each cell is a Span, so that NULL can be styled). */
    private static List<String> rowText(int row) {
        Grid<ResultGrid.Row> grid = grid();
        return grid.getColumns().stream()
                .map(c -> ((Span) _getCellComponent(grid, row, c.getKey())).getText())
                .toList();
    }

    @Test
    void aQueryShowsItsRowsWithColumnsFromTheResultAndNullMarked() {
        console.logIn("admin", ConsoleTestBed.ADMIN_PASSWORD);

        run("SELECT id, name, city FROM customers ORDER BY id");

        Grid<ResultGrid.Row> grid = grid();
        assertThat(grid.getColumns()).extracting(c -> c.getKey()).containsExactly("c0", "c1", "c2");
        assertThat(_size(grid)).isEqualTo(2);
        assertThat(rowText(0)).containsExactly("1", "Ada", "London");
        assertThat(rowText(1)).containsExactly("2", "Grace", "NULL");
        assertThat(((Span) _getCellComponent(grid, 1, "c2")).getStyle().get("font-style")).isEqualTo("italic");
        assertThat(status()).matches("2 rows · \\d+\\.\\d ms");
        assertNoError();
    }

    @Test
    void aSqlErrorShowsTheCodeAndDetailInsteadOfAStackTrace() {
        console.logIn("admin", ConsoleTestBed.ADMIN_PASSWORD);

        run("SELECT * FROM no_such_table");

        Div error = error();
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getElement().getTextRecursively()).startsWith("SQL_SEMANTIC · Semantic error\n").doesNotContain("Exception");
        _assertNone(Grid.class, spec -> spec.withId("sql-results"));
    }

    @Test
    void dmlShowsTheNumberOfRowsAffected() {
        console.logIn("admin", ConsoleTestBed.ADMIN_PASSWORD);

        run("UPDATE customers SET name = name");

        assertThat(status()).matches("2 rows affected · \\d+\\.\\d ms");
        assertNoError();
    }

    @Test
    void aReaderIsRefusedAWriteWithAReadableMessage() {
        console.logIn("rita", "readerpw123");

        run("DELETE FROM customers");

        assertThat(error().getElement().getTextRecursively()).isEqualTo("FORBIDDEN · Forbidden\n"
                + "your role (reader) may not run data changes (INSERT, UPDATE, DELETE, MERGE); that needs role writer");
        run("SELECT id FROM customers ORDER BY id");
        assertThat(_size(grid())).isEqualTo(2);
    }

    @Test
    void ctrlEnterRunsTheStatement() {
        console.logIn("admin", ConsoleTestBed.ADMIN_PASSWORD);
        _setValue(_get(TextArea.class, spec -> spec.withId("sql-editor")), "SELECT name FROM customers WHERE id = 1");

        fireShortcut(Key.ENTER, Key.CONTROL);

        assertThat(rowText(0)).containsExactly("Ada");
    }

    @Test
    void equalRowsAreBothShown() {
        console.logIn("admin", ConsoleTestBed.ADMIN_PASSWORD);

        run("SELECT 'same' AS v FROM customers");

        assertThat(_size(grid())).isEqualTo(2);
        assertThat(List.of(rowText(0), rowText(1))).containsExactly(List.of("same"), List.of("same"));
    }
}

package org.distdata.ui.sql;

import org.distdata.security.control.StatementKind;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.distdata.node.Node;
import org.distdata.ui.MainLayout;
import org.distdata.ui.NodeSource;
import org.distdata.ui.login.ConsoleSession;
import org.distdata.ui.login.ConsoleUser;
import org.distdata.ui.login.LoginView;
import org.distdata.ui.sql.SqlOutcome.Failed;
import org.distdata.ui.sql.SqlOutcome.Rows;
import org.distdata.ui.sql.SqlOutcome.Updated;

import java.util.Locale;

/**
 * The SQL page: an editor, a Run button (also Ctrl+Enter), and below it the result grid, the
 * row count and time, an update count, or a readable error. The work is done by
 * {@link SqlConsole}; this view only shows its outcome.
 */
@Route(value = "sql", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@PageTitle("SQL · DistData")
@Dependent
public class SqlView extends VerticalLayout {
    private final NodeSource nodes;
    private final TextArea editor = new TextArea();
    private final Span status = new Span();
    private final Div error = new Div();
    private final ResultGrid results = new ResultGrid();

    @Inject
    public SqlView(NodeSource nodes) {
        this.nodes = nodes;
        setSizeFull();

        editor.setId("sql-editor");
        editor.setWidthFull();
        editor.setMinHeight("9em");
        editor.setMaxHeight("40vh");
        editor.setPlaceholder("SELECT * FROM ...   (Ctrl+Enter runs)");
        editor.setValue("SELECT 1+1 AS two FROM SYSIBM.SYSDUMMY1");
        editor.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        editor.setAriaLabel("SQL statement");

        Button run = new Button("Run", VaadinIcon.PLAY.create(), e -> run());
        run.setId("run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        run.setTooltipText("Run the statement (Ctrl+Enter)");

        status.setId("sql-status");
        status.getStyle().set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout toolbar = new HorizontalLayout(run, status);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);

        error.setId("sql-error");
        error.setVisible(false);
        error.getStyle()
                .set("color", "var(--lumo-error-text-color)")
                .set("background", "var(--lumo-error-color-10pct)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("white-space", "pre-wrap")
                .set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("box-sizing", "border-box")
                .set("width", "100%");

        results.setId("sql-results");
        results.setSizeFull();
        results.setVisible(false);

        add(editor, toolbar, error, results);
        setFlexGrow(1, results);
    }

    private void run() {
        ConsoleUser user = ConsoleSession.currentUser().orElse(null);
        if (user == null) {
            getUI().ifPresent(ui -> ui.navigate(LoginView.class));
            return;
        }
        Node node = nodes.node();
        show(new SqlConsole(node.auth(), node.sql()).run(user, editor.getValue()));
    }

    private void show(SqlOutcome outcome) {
        error.setVisible(false);
        results.setVisible(false);
        if (outcome instanceof Rows rows) {
            results.show(rows.result());
            results.setVisible(true);
            int n = rows.result().rowCount();
            status.setText(String.format(Locale.ROOT, "%d %s · %.1f ms", n, n == 1 ? "row" : "rows",
                    rows.result().elapsedMs()));
        } else if (outcome instanceof Updated updated) {
            results.clear();
            status.setText(updated.kind() == StatementKind.WRITE
                    ? String.format(Locale.ROOT, "%d %s affected · %.1f ms", updated.count(),
                            updated.count() == 1 ? "row" : "rows", updated.elapsedMs())
                    : String.format(Locale.ROOT, "Done · %.1f ms", updated.elapsedMs()));
        } else if (outcome instanceof Failed failed) {
            results.clear();
            status.setText("");
            Span code = new Span(failed.code().name() + " · " + failed.code().title());
            code.getStyle().set("font-weight", "600");
            error.removeAll();
            error.add(code, new Span("\n" + failed.detail()));
            error.setVisible(true);
        }
    }
}

package org.distdata.ui.tables;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import org.distdata.catalog.ColumnSummary;
import org.distdata.catalog.TableDetails;
import org.distdata.catalog.TableSummary;
import org.distdata.node.Node;
import org.distdata.ui.ConsoleTestBed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._selectRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The table browser, browserless, over a real node's catalog. */
class TablesViewTest {
    @TempDir
    Path dir;
    Node node;
    ConsoleTestBed console;

    @BeforeEach
    void open() {
        node = ConsoleTestBed.openNode(dir);
        console = new ConsoleTestBed(node);
        console.logIn("admin", ConsoleTestBed.ADMIN_PASSWORD);
    }

    @AfterEach
    void close() {
        try {
            console.close();
        } finally {
            node.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Grid<T> grid(String id) {
        return _get(Grid.class, spec -> spec.withId(id));
    }

    @Test
    void listsACreatedTableAndShowsItsColumnsWhenSelected() {
        console.sql("CREATE TABLE orders (id INT NOT NULL, customer_id INT NOT NULL, total DECIMAL(10,2),"
                + " PRIMARY KEY (customer_id, id)) DISTRIBUTE BY HASH (customer_id)");
        console.sql("INSERT INTO orders VALUES (1, 7, 9.99)");

        UI.getCurrent().navigate(TablesView.class);

        Grid<TableSummary> tables = grid("tables");
        assertThat(_size(tables)).isEqualTo(1);
        TableSummary orders = _get(tables, 0);
        assertThat(orders.name()).isEqualToIgnoringCase("orders");
        assertThat(orders.distributionColumn()).isEqualToIgnoringCase("customer_id");

        _selectRow(tables, 0);

        assertThat(_get(H3.class, spec -> spec.withText(orders.name())).isVisible()).isTrue();
        Grid<ColumnSummary> columns = grid("table-columns");
        assertThat(_size(columns)).isEqualTo(3);
        assertThat(_get(columns, 1).name()).isEqualToIgnoringCase("customer_id");
        assertThat(_get(columns, 1).nullable()).isFalse();
        assertThat(_get(Paragraph.class, spec -> spec.withId("table-summary")).getText())
                .containsIgnoringCase("distributed by customer_id");
        Grid<TableDetails.PartitionRows> partitions = grid("table-partitions");
        long rows = 0;
        for (int i = 0; i < _size(partitions); i++) {
            rows += _get(partitions, i).rows();
        }
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void withoutTablesTheListIsEmptyAndNothingIsSelected() {
        UI.getCurrent().navigate(TablesView.class);

        assertThat(_size(grid("tables"))).isZero();
        assertThat(_get(H3.class, spec -> spec.withText("No table selected")).isVisible()).isTrue();
    }
}

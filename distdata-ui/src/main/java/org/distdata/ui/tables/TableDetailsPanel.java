package org.distdata.ui.tables;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.distdata.catalog.ColumnSummary;
import org.distdata.catalog.TableDetails;
import org.distdata.catalog.TableDetails.PartitionRows;

import java.util.List;

/** The details of one table: its columns, primary key, distribution, indexes and rows per partition. */
public class TableDetailsPanel extends VerticalLayout {
    private final H3 title = new H3();
    private final Paragraph summary = new Paragraph();
    private final Grid<ColumnSummary> columns = new Grid<>();
    private final Paragraph indexes = new Paragraph();
    private final Grid<PartitionRows> partitions = new Grid<>();

    public TableDetailsPanel() {
        setSizeFull();
        setId("table-details");
        // The list on the left has no padding; only a gap from the splitter here, so both titles align.
        setPadding(false);
        getStyle().set("padding-left", "var(--lumo-space-m)");
        summary.setId("table-summary");
        indexes.setId("table-indexes");

        columns.setId("table-columns");
        columns.addThemeVariants(GridVariant.LUMO_COMPACT);
        columns.setAllRowsVisible(true);
        columns.addColumn(ColumnSummary::name).setKey("name").setHeader("Column").setAutoWidth(true);
        columns.addColumn(ColumnSummary::type).setKey("type").setHeader("Type").setAutoWidth(true);
        columns.addColumn(c -> c.nullable() ? "yes" : "no").setKey("nullable").setHeader("Nullable");

        partitions.setId("table-partitions");
        partitions.addThemeVariants(GridVariant.LUMO_COMPACT);
        partitions.addColumn(PartitionRows::partition).setKey("partition").setHeader("Partition");
        partitions.addColumn(PartitionRows::rows).setKey("rows").setHeader("Rows");
        partitions.setHeight("16em");

        add(title, summary, new H4("Columns"), columns, indexes, new H4("Rows per partition"), partitions);
        show(null);
    }

    /** Shows {@code table}, or a hint to select one when null. */
    public void show(TableDetails table) {
        boolean present = table != null;
        columns.setVisible(present);
        partitions.setVisible(present);
        getChildren().filter(H4.class::isInstance).forEach(h -> h.setVisible(present));
        indexes.setVisible(present);
        if (!present) {
            title.setText("No table selected");
            summary.setText("Select a table on the left to see its columns and partitions.");
            return;
        }
        title.setText(table.name());
        summary.setText(table.kind() + (table.distributionColumn() == null ? "" : ", distributed by "
                + table.distributionColumn()) + " · primary key " + listOrNone(table.primaryKey())
                + " · about " + table.rowEstimate() + " rows");
        indexes.setText("Indexes: " + listOrNone(table.indexes()));
        columns.setItems(table.columns());
        partitions.setItems(table.partitions());
    }

    private static String listOrNone(List<String> names) {
        return names == null || names.isEmpty() ? "none" : "(" + String.join(", ", names) + ")";
    }
}

package org.distdata.ui.tables;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.distdata.catalog.CatalogView;
import org.distdata.catalog.TableSummary;
import org.distdata.ui.MainLayout;
import org.distdata.ui.NodeSource;

/**
 * The table browser: every table of the catalog with its kind, distribution column and row
 * estimate; selecting one shows its details ({@link TableDetailsPanel}).
 */
@Route(value = "tables", layout = MainLayout.class)
@PageTitle("Tables · DistData")
@Dependent
public class TablesView extends VerticalLayout {
    private final Grid<TableSummary> tables = new Grid<>();
    private final TableDetailsPanel details = new TableDetailsPanel();

    @Inject
    public TablesView(NodeSource nodes) {
        setSizeFull();
        CatalogView catalog = nodes.node().catalog();

        tables.setId("tables");
        tables.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        tables.addColumn(TableSummary::name).setKey("name").setHeader("Table").setSortable(true)
                .setComparator(TableSummary::name).setFlexGrow(2);
        tables.addColumn(TableSummary::kind).setKey("kind").setHeader("Kind").setAutoWidth(true).setFlexGrow(0);
        tables.addColumn(t -> t.distributionColumn() == null ? "—" : t.distributionColumn())
                .setKey("distribution").setHeader("Distributed by").setFlexGrow(1);
        tables.addColumn(TableSummary::rowEstimate).setKey("rows").setHeader("Rows")
                .setTooltipGenerator(t -> "estimated from statistics").setSortable(true)
                .setComparator(TableSummary::rowEstimate).setWidth("7em").setFlexGrow(0);
        tables.setItems(catalog.tables());
        tables.asSingleSelect().addValueChangeListener(e -> details.show(
                e.getValue() == null ? null : catalog.table(e.getValue().name()).orElse(null)));

        VerticalLayout list = new VerticalLayout(new H3("Tables"), tables);
        list.setSizeFull();
        list.setPadding(false);
        list.setFlexGrow(1, tables);

        SplitLayout split = new SplitLayout(list, details);
        split.setSizeFull();
        split.setSplitterPosition(50);
        add(split);
    }
}

package org.distdata.ui.sql;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import org.distdata.relation.ColumnInfo;
import org.distdata.relation.SqlResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A grid whose columns are those of the last query result. Values are shown as text
 * ({@link CellText}); SQL NULL as a dimmed, italic {@code NULL}. Each column header carries
 * the column's SQL type as a tooltip.
 */
public class ResultGrid extends Composite<Grid<ResultGrid.Row>> implements HasSize {

    /** One result row; the index keeps equal rows apart (the grid identifies items by equality). */
    public record Row(int index, List<Object> values) {
    }

    public ResultGrid() {
        Grid<Row> grid = getContent();
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
        grid.setColumnReorderingAllowed(true);
    }

    public void show(SqlResult result) {
        Grid<Row> grid = getContent();
        grid.removeAllColumns();
        List<ColumnInfo> columns = result.columns();
        for (int i = 0; i < columns.size(); i++) {
            int column = i;
            ColumnInfo info = columns.get(i);
            Span header = new Span(info.name());
            header.getElement().setAttribute("title", info.type());
            grid.addColumn(new ComponentRenderer<>(row -> cell(row.values().get(column))))
                    .setKey("c" + i)
                    .setHeader(header)
                    .setAutoWidth(true)
                    .setResizable(true);
        }
        List<Row> rows = new ArrayList<>(result.rowCount());
        for (int i = 0; i < result.rowCount(); i++) {
            rows.add(new Row(i, result.rows().get(i)));
        }
        grid.setItems(rows);
    }

    public void clear() {
        getContent().removeAllColumns();
        getContent().setItems(List.of());
    }

    private static Span cell(Object value) {
        String text = CellText.of(value);
        if (text != null) {
            return new Span(text);
        }
        Span nullMark = new Span("NULL");
        nullMark.getStyle().set("color", "var(--lumo-disabled-text-color)").set("font-style", "italic");
        return nullMark;
    }
}

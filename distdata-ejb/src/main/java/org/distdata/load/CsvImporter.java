package org.distdata.load;

import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.ColumnDef;
import org.distdata.sql.DistributedSqlEngine;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streams a CSV file (RFC 4180; first line = column names) into a table, in batches that are
 * each one atomic transaction. Values are converted to the column types first, so a bad
 * line is reported with its line number before its batch touches any partition; batches
 * before it stay loaded (they were acknowledged in the running count) and nothing of the bad
 * batch is.
 */
public final class CsvImporter {
    public static final int DEFAULT_BATCH_ROWS = 5_000;

    private final DistributedSqlEngine engine;
    private final int batchRows;

    public CsvImporter(DistributedSqlEngine engine) {
        this(engine, DEFAULT_BATCH_ROWS);
    }

    public CsvImporter(DistributedSqlEngine engine, int batchRows) {
        this.engine = engine;
        this.batchRows = batchRows;
    }

    public ImportResult importCsv(String table, Reader csv) {
        return importCsv(table, csv, progress -> { });
    }

    /** Imports, reporting the running count of committed rows after each batch. */
    public ImportResult importCsv(String table, Reader csv, java.util.function.LongConsumer progress) {
        long start = System.nanoTime();
        TableDef def = engine.catalog().find(SqlNames.normalize(table))
                .or(() -> engine.catalog().find(table))
                .orElseThrow(() -> new DistDataException(ErrorCode.NOT_FOUND, "Table '" + table + "' does not exist."));
        CsvReader reader = new CsvReader(csv);
        long imported = 0;
        try {
            List<String> header = reader.next();
            if (header == null) {
                return new ImportResult(0, elapsed(start));
            }
            List<String> columns = new ArrayList<>();
            List<ColumnDef> defs = new ArrayList<>();
            for (String h : header) {
                String name = SqlNames.normalize(h.contains("\"") ? h : h.trim());
                ColumnDef c = def.column(name).orElseThrow(() -> bad(reader.line(), 0,
                        "header names unknown column '" + h + "' of table " + def.name()));
                columns.add(name);
                defs.add(c);
            }
            List<List<Object>> batch = new ArrayList<>(batchRows);
            long batchFirstLine = reader.line() + 1;
            List<String> fields;
            while ((fields = reader.next()) != null) {
                if (fields.size() == 1 && fields.get(0).isEmpty()) {
                    continue; // blank line
                }
                if (batch.isEmpty()) {
                    batchFirstLine = reader.line();
                }
                if (fields.size() != defs.size()) {
                    throw bad(reader.line(), imported, "expected " + defs.size() + " fields, found " + fields.size());
                }
                List<Object> row = new ArrayList<>(defs.size());
                for (int i = 0; i < defs.size(); i++) {
                    try {
                        row.add(CsvValues.convert(fields.get(i), defs.get(i)));
                    } catch (IllegalArgumentException e) {
                        throw bad(reader.line(), imported, "column " + defs.get(i).name() + ": " + e.getMessage());
                    }
                }
                batch.add(row);
                if (batch.size() >= batchRows) {
                    imported += load(def, columns, batch, batchFirstLine, reader.line(), imported);
                    progress.accept(imported);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                imported += load(def, columns, batch, batchFirstLine, reader.line(), imported);
                progress.accept(imported);
            }
            return new ImportResult(imported, elapsed(start));
        } catch (CsvReader.MalformedCsvException e) {
            throw bad(e.line(), imported, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long load(TableDef def, List<String> columns, List<List<Object>> batch, long firstLine, long lastLine,
                      long importedBefore) {
        try {
            return engine.insertRows(def.name(), columns, batch);
        } catch (DistDataException e) {
            throw new DistDataException(e.code(), "batch of lines " + firstLine + "-" + lastLine + " was not loaded: "
                    + e.detail(), e, Map.of("line", firstLine, "lastLine", lastLine, "rowsImported", importedBefore));
        }
    }

    private static DistDataException bad(long line, long imported, String message) {
        return new DistDataException(ErrorCode.BAD_REQUEST, "line " + line + ": " + message
                + " (that line's batch was not loaded; " + imported + " rows before it were)", null,
                Map.of("line", line, "rowsImported", imported));
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}

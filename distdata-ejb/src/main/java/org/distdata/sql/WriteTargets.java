package org.distdata.sql;

import net.sf.jsqlparser.schema.Table;
import org.distdata.catalog.Catalog;
import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;

/** Resolves the table an INSERT, UPDATE or DELETE writes to, refusing views and foreign schemas. */
final class WriteTargets {
    private WriteTargets() {
    }

    static TableDef resolve(Catalog catalog, Table written) {
        if (written.getSchemaName() != null && !SqlNames.normalize(written.getSchemaName()).equals("APP")) {
            throw DistDataException.notSupported("changing tables outside the APP schema");
        }
        String name = SqlNames.normalize(written.getName());
        if (catalog.view(name).isPresent()) {
            throw new DistDataException(ErrorCode.SQL_SEMANTIC, "'" + name + "' is a view and cannot be updated.");
        }
        return catalog.require(name);
    }
}

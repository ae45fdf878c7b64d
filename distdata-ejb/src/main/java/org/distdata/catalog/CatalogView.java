package org.distdata.catalog;

import java.util.List;
import java.util.Optional;

/** Read access to the catalog for the API and the console. */
public interface CatalogView {

    List<TableSummary> tables();

    Optional<TableDetails> table(String name);
}

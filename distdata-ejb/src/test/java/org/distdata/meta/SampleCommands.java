package org.distdata.meta;

import org.distdata.catalog.entity.StoredStatistics;
import org.distdata.catalog.entity.TableDef;
import org.distdata.catalog.entity.TableKind;
import org.distdata.partition.ColumnDef;
import org.distdata.partition.TableShape;
import org.distdata.security.entity.Role;

import java.sql.Types;
import java.util.List;
import java.util.Set;

/** One or more instances of every meta command type, with optional fields both set and unset. */
final class SampleCommands {
    private SampleCommands() {
    }

    static TableDef orders() {
        return new TableDef("ORDERS", TableKind.DISTRIBUTED, List.of(
                new ColumnDef("ID", Types.INTEGER, "INTEGER", 10, 0, false),
                new ColumnDef("CUSTOMER", Types.VARCHAR, "VARCHAR", 40, 0, true),
                new ColumnDef("AMOUNT", Types.DECIMAL, "DECIMAL", 10, 2, true),
                new ColumnDef("Grüße \"quoted\"", Types.CLOB, "CLOB", 2_147_483_647, 0, true)),
                List.of("ID"), "ID", false, List.of("ORDERS_CUSTOMER", "SQL0001"),
                List.of(new TableShape.UniqueKey("SQL0001", List.of("ID")),
                        new TableShape.UniqueKey("ORDERS_CUSTOMER", List.of("CUSTOMER", "AMOUNT"))));
    }

    static TableDef countries() {
        return new TableDef("COUNTRIES", TableKind.REFERENCE, List.of(
                new ColumnDef("CODE", Types.CHAR, "CHAR", 2, 0, false)), List.of(), null, false, List.of(), List.of());
    }

    static TableDef events() {
        return new TableDef("EVENTS", TableKind.DISTRIBUTED, List.of(
                new ColumnDef("AT", Types.TIMESTAMP, "TIMESTAMP", 29, 9, true)), List.of(), TableDef.HIDDEN_ROW_ID, true,
                List.of(), List.of());
    }

    static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    static List<MetaCommand> all() {
        return List.of(
                new MetaCommand.TableRegistered(orders()),
                new MetaCommand.TableRegistered(countries()),
                new MetaCommand.TableAltered(events()),
                new MetaCommand.TableDropped("ORDERS"),
                new MetaCommand.ViewCreated("BIG_ORDERS", "CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100"),
                new MetaCommand.ViewDropped("BIG_ORDERS"),
                new MetaCommand.StatisticsStored(new StoredStatistics("ORDERS", 1_700_000_000_123L, 7, List.of(3L, 0L, 4L),
                        List.of(new StoredStatistics.Column("ID", 7, 0, 7, true, "Integer:1", "Integer:7"),
                                new StoredStatistics.Column("NOTE", 7, 7, 0, false, null, null)))),
                new MetaCommand.UserCreated("ada", "pbkdf2-sha256$1000$c2FsdA$aGFzaA", Set.of(Role.WRITER, Role.READER)),
                new MetaCommand.FirstAdminCreated("admin", "pbkdf2-sha256$1000$eA$eQ"),
                new MetaCommand.UserUpdated("ada", "pbkdf2-sha256$1000$bmV3$aGFzaA", Set.of(Role.ADMIN), false),
                new MetaCommand.UserUpdated("ada", null, null, null),
                new MetaCommand.UserUpdated("ada", null, Set.of(), true),
                new MetaCommand.PasswordRehashed("ada", "old$hash", "new$hash"),
                new MetaCommand.UserDeleted("ada"),
                new MetaCommand.UserTokensRevoked("ada"),
                new MetaCommand.SigningKeyAdded("k1", key(7)),
                new MetaCommand.SigningKeyRotated("k2", key(9), 1_700_000_000_000L, 1_700_028_800_000L),
                new MetaCommand.TokenRevoked("2f1c-token", 1_700_028_800_000L, -5),
                new MetaCommand.SettingPut("partitions", "16", true),
                new MetaCommand.SettingPut("motd", "", false));
    }
}

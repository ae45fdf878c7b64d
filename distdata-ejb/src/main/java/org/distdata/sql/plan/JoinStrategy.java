package org.distdata.sql.plan;

/**
 * How the rows of a join's two inputs meet. {@code CO_LOCATED}: matching rows already live in
 * the same partition (both sides hashed on the join key, or one side a reference table), so
 * the join runs inside one fragment per partition. {@code BROADCAST}: the smaller side is
 * copied to every partition of the larger. {@code REPARTITION}: both sides are re-hashed on
 * the join key into buckets that are joined pairwise.
 */
public enum JoinStrategy {
    CO_LOCATED, BROADCAST, REPARTITION
}

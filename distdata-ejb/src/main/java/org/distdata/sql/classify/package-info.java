/**
 * The one classification of client SQL: {@link org.distdata.sql.classify.StatementClassifier}
 * reads a statement once (DistData's own syntax, then JSqlParser) into a
 * {@link org.distdata.sql.classify.ClassifiedStatement} that the security gate authorizes by its
 * {@link org.distdata.sql.classify.Access} and the engine dispatches by its
 * {@link org.distdata.sql.classify.StatementType}. It depends on nothing above the error codes.
 */
package org.distdata.sql.classify;

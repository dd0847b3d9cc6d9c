/**
 * The machinery every batch job shares (spec §7): where a job reads and writes ({@link
 * org.openpersonalize.engine.internal.batch.BatchLocation}), the JSON Lines format of input and
 * output lines ({@link org.openpersonalize.engine.internal.batch.BatchLines}), output files that
 * appear whole or not at all ({@link org.openpersonalize.engine.internal.batch.OutputFile}), and
 * the runner that moves a job through its statuses on the engine's executor and scores its lines in
 * blocks on every core ({@link org.openpersonalize.engine.internal.batch.BatchJobRunner}). A kind
 * of job plugs in its record's status writes ({@link
 * org.openpersonalize.engine.internal.batch.BatchJob}) and its line format and scorer ({@link
 * org.openpersonalize.engine.internal.batch.LineScorer}).
 */
package org.openpersonalize.engine.internal.batch;

package org.openpersonalize.engine.internal.schedule;

import java.time.Instant;

/**
 * A piece of scheduled work that threw, as the {@link Scheduler} recorded it.
 *
 * @param task the task's name
 * @param key the work's key, or null when asking the task what was due failed
 * @param at the engine clock's time of the pass
 * @param error the exception's class and message
 */
public record ScheduledFailure(String task, String key, Instant at, String error) {}

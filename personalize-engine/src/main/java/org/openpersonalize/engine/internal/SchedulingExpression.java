package org.openpersonalize.engine.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * {@code autoTrainingConfig.schedulingExpression} (spec §1.10): Amazon's constraints — 1-16
 * characters matching {@code rate\(\d+ days?\)} — and its documented range of 1 to 30 days.
 */
final class SchedulingExpression {
  /** Amazon's default: automatic training every 7 days. */
  static final String DEFAULT = "rate(7 days)";

  static final int MIN_DAYS = 1;
  static final int MAX_DAYS = 30;

  private static final Pattern RATE = Pattern.compile("rate\\((\\d+) days?\\)");

  private SchedulingExpression() {}

  /**
   * Checks an expression and returns its period.
   *
   * @param field the field's path, for the message
   * @param expression the expression; null means the default
   * @return the period between automatic trainings
   * @throws InvalidInputException naming the field when the expression breaks a rule
   */
  static Duration period(String field, String expression) {
    if (expression == null) {
      return Duration.ofDays(7);
    }
    Check.length(field, expression, 1, 16);
    Matcher m = RATE.matcher(expression);
    if (!m.matches()) {
      throw new InvalidInputException(
          field
              + " must satisfy regular expression pattern rate\\(\\d+ days?\\), such as rate(7 days);"
              + " got: "
              + Check.show(expression));
    }
    // At most 16 characters, so the digits fit a long; leading zeros are allowed by the pattern.
    long days = Long.parseLong(m.group(1));
    if (days < MIN_DAYS || days > MAX_DAYS) {
      throw new InvalidInputException(
          field
              + " must give a number of days from "
              + MIN_DAYS
              + " to "
              + MAX_DAYS
              + "; got: "
              + Check.show(expression));
    }
    return Duration.ofDays(days);
  }
}

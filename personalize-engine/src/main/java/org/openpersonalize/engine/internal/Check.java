package org.openpersonalize.engine.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.api.model.TooManyTagsException;

/**
 * Request checks shared by every operation, with messages in the house form {@code "<field> must be
 * <rule>; got: <value>"}.
 */
public final class Check {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9\\-_]*");
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private Check() {}

  /** A resource name: 1-63 characters of {@code [a-zA-Z0-9][a-zA-Z0-9\-_]*} (spec §1.1). */
  public static String name(String field, String value) {
    required(field, value);
    if (value.length() > 63 || !NAME.matcher(value).matches()) {
      throw new InvalidInputException(
          field
              + " must be 1-63 characters, starting with a letter or digit, of letters, digits,"
              + " '-' and '_'; got: "
              + show(value));
    }
    return value;
  }

  /** A present, non-empty value. */
  public static <T> T required(String field, T value) {
    if (value == null || (value instanceof String && ((String) value).isEmpty())) {
      throw new InvalidInputException(field + " must be given; got: " + show(value));
    }
    return value;
  }

  /** An ARN-valued field: present and at most 256 characters. */
  public static String arn(String field, String value) {
    required(field, value);
    return length(field, value, 1, 256);
  }

  /** A string of {@code min..max} characters (when present). */
  public static String length(String field, String value, int min, int max) {
    if (value != null && (value.length() < min || value.length() > max)) {
      throw new InvalidInputException(
          String.format(
              Locale.ROOT,
              "%s must be %d-%d characters; got %d characters: %s",
              field,
              min,
              max,
              value.length(),
              show(value)));
    }
    return value;
  }

  /** A list's {@code maxResults}: 1-100, default 100. */
  public static int maxResults(Integer value) {
    if (value == null) {
      return 100;
    }
    if (value < 1 || value > 100) {
      throw new InvalidInputException("maxResults must be 1-100; got: " + value);
    }
    return value;
  }

  /** Tags: at most 200, keys 1-128 and values 0-256 characters of the allowed set (spec §1.1). */
  public static void tags(List<Tag> tags) {
    if (tags.size() > 200) {
      throw new TooManyTagsException("tags must be at most 200 per resource; got: " + tags.size());
    }
    for (Tag t : tags) {
      length("tagKey", required("tagKey", t.tagKey()), 1, 128);
      length("tagValue", required("tagValue", t.tagValue()), 0, 256);
      if (!TAG.matcher(t.tagKey()).matches() || !TAG.matcher(t.tagValue()).matches()) {
        throw new InvalidInputException(
            "tags must use letters, digits, spaces and _.:/=+-@ only; got: "
                + show(t.tagKey())
                + "="
                + show(t.tagValue()));
      }
    }
  }

  /** A request object: an operation given none is refused rather than failing inside. */
  public static <T> T request(T request) {
    if (request == null) {
      throw new InvalidInputException("request must not be null");
    }
    return request;
  }

  /** A domain: ECOMMERCE or VIDEO_ON_DEMAND, or null for a custom resource. */
  public static Domain domain(String value) {
    if (value == null) {
      return null;
    }
    Domain d = Domain.fromValue(value);
    if (d == Domain.UNKNOWN_TO_SDK_VERSION) {
      throw new InvalidInputException(
          "domain must be ECOMMERCE or VIDEO_ON_DEMAND; got: " + show(value));
    }
    return d;
  }

  /** Maps a page of resources to their API form, in order. */
  static <T, R> List<R> map(List<T> items, java.util.function.Function<T, R> f) {
    List<R> out = new java.util.ArrayList<>(items.size());
    for (T t : items) {
      out.add(f.apply(t));
    }
    return out;
  }

  /** Quotes a value for a message, cut to 100 characters. */
  public static String show(Object value) {
    if (value == null) {
      return "null";
    }
    String s = value.toString();
    if (s.length() > 100) {
      s = s.substring(0, 100) + "…";
    }
    return '"' + s + '"';
  }
}

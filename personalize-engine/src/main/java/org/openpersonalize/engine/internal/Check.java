package org.openpersonalize.engine.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.S3DataConfig;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.api.model.TooManyTagsException;

/**
 * Request checks shared by every operation, with messages in the house form {@code "<field> must be
 * <rule>; got: <value>"}.
 */
public final class Check {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9\\-_]*");
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  /** Amazon's pattern for every Personalize ARN field of a request (its API reference). */
  public static final String ARN_PATTERN = "arn:([a-z\\d-]+):personalize:.*:.*:.+";

  private static final Pattern ARN = Pattern.compile(ARN_PATTERN);

  /** Amazon's pattern for {@code roleArn}: an IAM role. */
  public static final String ROLE_ARN_PATTERN =
      "arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";

  private static final Pattern ROLE_ARN = Pattern.compile(ROLE_ARN_PATTERN);

  /** Amazon's pattern for {@code kmsKeyArn}: a KMS key. */
  public static final String KMS_KEY_ARN_PATTERN = "arn:aws.*:kms:.*:[0-9]{12}:key/.*";

  private static final Pattern KMS_KEY_ARN = Pattern.compile(KMS_KEY_ARN_PATTERN);

  /** Most tags one resource may carry (Amazon's quota, at create and after TagResource). */
  public static final int MAX_TAGS = 50;

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

  /**
   * A required ARN field: at most 256 characters matching Amazon's pattern {@value #ARN_PATTERN}.
   * Every operation checks its ARN fields here (or through {@link #optionalArn}), so a new
   * operation gets the rule by calling it.
   */
  public static String arn(String field, String value) {
    required(field, value);
    return optionalArn(field, value);
  }

  /** An optional ARN field: null, or as {@link #arn}. */
  public static String optionalArn(String field, String value) {
    return patterned(field, value, 256, ARN, ARN_PATTERN);
  }

  /** An optional {@code roleArn}: null, or an IAM role ARN of at most 256 characters. */
  public static String roleArn(String field, String value) {
    return patterned(field, value, 256, ROLE_ARN, ROLE_ARN_PATTERN);
  }

  /** An optional {@code kmsKeyArn}: null, or a KMS key ARN of at most 2048 characters. */
  public static String kmsKeyArn(String field, String value) {
    return patterned(field, value, 2048, KMS_KEY_ARN, KMS_KEY_ARN_PATTERN);
  }

  private static String patterned(
      String field, String value, int max, Pattern pattern, String rule) {
    if (value == null) {
      return null;
    }
    length(field, value, 1, max);
    if (!pattern.matcher(value).matches()) {
      // Amazon's constraint text, in the house form, so either reading finds the rule.
      throw new InvalidInputException(
          field + " must satisfy regular expression pattern: " + rule + "; got: " + show(value));
    }
    return value;
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

  /**
   * Tags given at create or to TagResource: at most {@value #MAX_TAGS}, keys 1-128 and values 0-256
   * characters of the allowed set, no key twice, no key starting with {@code aws:} in any case
   * (reserved for AWS).
   */
  public static void tags(List<Tag> tags) {
    if (tags.size() > MAX_TAGS) {
      throw new TooManyTagsException(
          "tags must be at most " + MAX_TAGS + " per resource; got: " + tags.size());
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Tag t : tags) {
      tagKey("tagKey", t.tagKey());
      if (t.tagValue() == null) {
        // An empty value is a value (0-256 characters); only a missing one is refused.
        throw new InvalidInputException("tagValue must be given; got: null");
      }
      length("tagValue", t.tagValue(), 0, 256);
      if (!TAG.matcher(t.tagValue()).matches()) {
        throw new InvalidInputException(
            "tagValue must use letters, digits, spaces and _.:/=+-@ only; got: "
                + show(t.tagValue()));
      }
      if (!seen.add(t.tagKey())) {
        throw new InvalidInputException(
            "tags must not repeat a tagKey; got: " + show(t.tagKey()) + " twice");
      }
    }
  }

  /** A tag key: 1-128 characters of the allowed set, not starting with {@code aws:}. */
  public static String tagKey(String field, String key) {
    length(field, required(field, key), 1, 128);
    if (!TAG.matcher(key).matches()) {
      throw new InvalidInputException(
          field + " must use letters, digits, spaces and _.:/=+-@ only; got: " + show(key));
    }
    if (key.regionMatches(true, 0, "aws:", 0, 4)) {
      throw new InvalidInputException(
          field + " must not start with \"aws:\" (reserved for AWS use); got: " + show(key));
    }
    return key;
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

  /**
   * A batch job location's path (CreateBatchInferenceJob, CreateBatchSegmentJob): the location and
   * its path given, and no {@code kmsKeyArn}, which the engine cannot honour (it writes no
   * encrypted files).
   *
   * @param field the location's field, e.g. {@code jobInput.s3DataSource}
   * @param config the location, or null
   * @return the path
   * @throws InvalidInputException naming the missing or refused field
   */
  public static String localPath(String field, S3DataConfig config) {
    required(field, config);
    if (config.kmsKeyArn() != null) {
      throw new InvalidInputException(
          field
              + ".kmsKeyArn must not be given: the embedded engine reads and writes local files"
              + " without encryption; got: "
              + show(config.kmsKeyArn()));
    }
    return required(field + ".path", config.path());
  }
}

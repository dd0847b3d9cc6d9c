package org.openpersonalize.engine.internal;

import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.store.Kind;

/**
 * ARNs in Amazon's format. The embedded engine has no region or account, so it uses the region
 * {@code local} and the account {@code 000000000000}; built-in recipes keep Amazon's own empty
 * region and account ({@code arn:aws:personalize:::recipe/...}), so recipe ARNs from AWS code work
 * unchanged.
 */
public final class Arns {
  /** The account ID every resource reports. */
  public static final String ACCOUNT = "000000000000";

  /** The region every resource reports. */
  public static final String REGION = "local";

  private static final String PREFIX = "arn:aws:personalize:" + REGION + ":" + ACCOUNT + ":";

  private Arns() {}

  /** {@code arn:aws:personalize:local:000000000000:<kind>/<path>}. */
  public static String of(Kind<?> kind, String path) {
    return PREFIX + kind.name() + "/" + path;
  }

  /** The ARN of a dataset group's dataset of one type: {@code dataset/<group name>/<TYPE>}. */
  public static String dataset(String datasetGroupArn, DatasetType type) {
    return of(Kinds.DATASET, name(datasetGroupArn) + "/" + type.arnSuffix());
  }

  /** The last path segment of an ARN made by {@link #of}: the resource's name. */
  public static String name(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }
}

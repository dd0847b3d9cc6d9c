/**
 * OpenPersonalize's public API: the client interfaces, their model types and the recipe SPI. It has
 * no dependencies, so recipes and applications can compile against it alone.
 */
module org.openpersonalize.api {
  // Optional: FactorBlocks uses the incubating Vector API when the application starts the JVM with
  // --add-modules jdk.incubator.vector, and its scalar kernel otherwise (same scores, bit for bit).
  requires static jdk.incubator.vector;

  exports org.openpersonalize.api;
  exports org.openpersonalize.api.model;
  exports org.openpersonalize.spi;
}

/**
 * OpenPersonalize's public API: the client interfaces, their model types and the recipe SPI. It has
 * no dependencies, so recipes and applications can compile against it alone.
 */
module org.openpersonalize.api {
  exports org.openpersonalize.api;
  exports org.openpersonalize.api.model;
  exports org.openpersonalize.spi;
}

package org.openpersonalize.recipes.sequence;

/**
 * The one place the sequence models reach their kernels: {@link #get()} returns the implementation
 * chosen once per JVM. Today that is always {@link ScalarSeqKernels}; a Vector API implementation
 * would be picked here when the module is available, and nowhere else changes.
 */
final class SeqKernels {
  private static final SeqKernelSupport IMPL = new ScalarSeqKernels();

  private SeqKernels() {}

  static SeqKernelSupport get() {
    return IMPL;
  }
}

/**
 * One typed record per resource kind, each with its one encoder ({@code attributes()}) and decoder
 * ({@code decode}), defaults resolved when the resource is created. Operations, serving and
 * training read these records, never the stored JSON.
 */
package org.openpersonalize.engine.internal.resource;

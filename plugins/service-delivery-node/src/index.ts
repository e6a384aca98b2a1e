/**
 * Node.js library for Service Delivery backend modules: settings and extension points.
 *
 * @packageDocumentation
 */

export * from './config';
export * from './providers';
export * from './yamlPlaceholder';

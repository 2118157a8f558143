import type { LayerClaim } from '../ports.js';
import type { LayerInfo } from './layerPolicy.js';

/**
 * What a source's sync run knows of the other sources (layered registries): the list, this
 * source's place in it, the other sources' claims on paths, and a way to report the paths
 * it changed so the layered sync re-weighs them once every source has run.
 */
export interface LayerContext {
  readonly self: LayerInfo;
  readonly layers: readonly LayerInfo[];
  claims(paths: readonly string[]): Promise<LayerClaim[]>;
  /** Paths this run changed, removed or found invalid. */
  touch(paths: readonly string[]): void;
}

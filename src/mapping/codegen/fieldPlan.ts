/**
 * What the code generator needs to know about one compiled field: the closures the field
 * compiler built, and the shape of its origin. The generator turns the shape of the plain
 * parts (own-property path reads, the checks, the assignment) into straight-line code and
 * calls the closures for everything else, so the generated code and the closure engine
 * run the very same transforms, checks and plugins. Imports types only, so that the field
 * compiler can build plans without an import cycle.
 */
import type { PathReader } from '../compilePath.js';
import type { ValueCheck } from '../compileAttributeCheck.js';
import type { FieldInfo, RunContext, Step } from '../runContext.js';

/** One step of a path the generator reads inline: an own property by name, or an index. */
export type InlineStep = { key: string } | { index: number };

/** A path read: inline steps (a single-valued path of names and indexes), or its reader. */
export type PathRead = { steps: readonly InlineStep[] } | { reader: PathReader };

/** A field's origin, as the generator sees it. */
export type OriginPlan =
  | { kind: 'path'; read: PathRead }
  /** Ordered `source` alternatives: the first value neither undefined nor null. */
  | { kind: 'alternatives'; reads: readonly PathRead[] }
  /** `const`: the frozen copy the closure engine returns. */
  | { kind: 'const'; value: unknown }
  /** `concat` or `template`: the origin closure is called; a template may return STOP. */
  | {
      kind: 'closure';
      origin: (record: unknown, context: RunContext) => unknown;
      mayStop: boolean;
    };

/** The parts of one compiled top-level field (see compileField). */
export interface FieldPlan {
  readonly key: string;
  readonly info: FieldInfo;
  readonly origin: OriginPlan;
  /** The transform steps in order, or undefined without transforms. */
  readonly steps: readonly Step[] | undefined;
  /**
   * The attribute's checks, in the order the closure engine runs them (the first failure
   * is the finding); undefined for a list attribute, whose `check` is then called whole.
   */
  readonly checkParts: readonly ValueCheck[] | undefined;
  /** The attribute's whole check (undefined when there is nothing to check). */
  readonly check: ValueCheck | undefined;
  readonly hasDefault: boolean;
  readonly fallback: unknown;
  readonly required: boolean;
  /**
   * True when the field runs the closure engine's short variant (no transforms, no default,
   * no template): the current field is set only when a finding is recorded.
   */
  readonly short: boolean;
}

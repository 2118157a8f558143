import { loggableError } from '../errors/loggableError.js';
import { failureReason, type StepArea } from './reasons.js';
import { STOP, type RunEnv, type SyncStep } from './SyncContext.js';

/** One named step as the loop runs it (its types erased once the chain has checked them). */
interface ChainedStep {
  readonly name: string;
  readonly area: StepArea;
  readonly step: SyncStep<unknown, unknown>;
}

/** Hooks the engine gives the loop. */
export interface PipelineHooks {
  /** Called before each step runs, with its name (the engine persists a scheduled run here). */
  beforeStep?(name: string): Promise<void>;
}

/**
 * An ordered chain of sync steps whose order is a type: `step` accepts only a step whose
 * input is the output of the chain so far, so a step cannot be moved before the step that
 * produces what it reads. Running the chain is the whole loop: each step's result feeds
 * the next; `STOP` or a thrown error ends it. A thrown error sets the run to `failed` with
 * the reason of the step's area and the error's policy (the one place that mapping happens).
 */
export class SyncPipeline<In, Out> {
  private constructor(private readonly chain: readonly ChainedStep[]) {}

  /** An empty chain that takes `In`. */
  static take<In>(): SyncPipeline<In, In> {
    return new SyncPipeline<In, In>([]);
  }

  /** The chain followed by `step`, named for logs and run messages, in the given area. */
  step<Next>(name: string, area: StepArea, step: SyncStep<Out, Next>): SyncPipeline<In, Next> {
    return new SyncPipeline<In, Next>([
      ...this.chain,
      { name, area, step: step as SyncStep<unknown, unknown> },
    ]);
  }

  /** The step names in order (for docs and tests). */
  get names(): readonly string[] {
    return this.chain.map((s) => s.name);
  }

  /**
   * Runs the steps in order on `input`. Resolves when a step stopped, threw or the last one
   * returned; never rejects for a step's error (it is recorded on `env.run`).
   */
  async run(input: In, env: RunEnv, hooks: PipelineHooks = {}): Promise<void> {
    let value: unknown = input;
    for (const { name, area, step } of this.chain) {
      try {
        await hooks.beforeStep?.(name);
        const next = await step(value, env);
        if (next === STOP) return;
        value = next;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        env.run.status = 'failed';
        env.run.reason = failureReason(area, error);
        env.run.message = `${name}: ${loggableError(error).message}${typeof code === 'string' ? ` (${code})` : ''}`;
        env.deps.log?.error({ runId: env.run.id, step: name, code }, env.run.message);
        return;
      }
    }
  }
}

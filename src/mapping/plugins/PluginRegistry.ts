import type { MappingPlugin } from './MappingPlugin.js';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The plugins a build knows, by name. Registering a name twice is a programming error. */
export class PluginRegistry {
  readonly #plugins = new Map<string, MappingPlugin>();

  /** Adds a plugin; throws when the name is malformed or already taken. Returns this registry. */
  register(plugin: MappingPlugin): this {
    if (!NAME.test(plugin.name)) throw new Error(`plugin name "${plugin.name}" must be kebab-case`);
    if (this.#plugins.has(plugin.name))
      throw new Error(`plugin "${plugin.name}" is already registered`);
    this.#plugins.set(plugin.name, plugin);
    return this;
  }

  /** The plugin of that name, or undefined. */
  get(name: string): MappingPlugin | undefined {
    return this.#plugins.get(name);
  }

  /** Whether a plugin of that name is registered. */
  has(name: string): boolean {
    return this.#plugins.has(name);
  }

  /** Registered names, sorted. */
  names(): string[] {
    return [...this.#plugins.keys()].sort();
  }
}

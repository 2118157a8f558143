// Vite's `import.meta.glob`, which vitest resolves at transform time: the tests load
// their JSON fixtures through it, so src/mapping (tests included) imports no node:fs.
interface ImportMeta {
  glob<T = unknown>(
    pattern: string | string[],
    options: { eager: true; import?: string; query?: string },
  ): Record<string, T>;
}

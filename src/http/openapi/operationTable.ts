/**
 * Finds the operation of the OpenAPI document a request is for: method plus a path matched
 * against the path templates (`{name}` stands for one non-empty segment; a literal segment
 * beats a parameter, so `/sync/runs` never reads as `/sync/{id}`).
 */
export interface DocumentedOperation {
  method: string;
  template: string;
  operation: Record<string, unknown>;
  /** Path-item parameters followed by the operation's own (the operation's win by name+in). */
  parameters: Array<Record<string, unknown>>;
}

interface Row {
  segments: string[];
  template: string;
  methods: Map<string, DocumentedOperation>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

/** Builds the lookup once from a document's `paths`. */
export function operationTable(paths: Record<string, Record<string, unknown>>) {
  const rows: Row[] = Object.entries(paths).map(([template, item]) => {
    const shared = (item.parameters as Array<Record<string, unknown>> | undefined) ?? [];
    const methods = new Map<string, DocumentedOperation>();
    for (const method of METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      const own = (operation.parameters as Array<Record<string, unknown>> | undefined) ?? [];
      const parameters = [
        ...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)),
        ...own,
      ];
      methods.set(method, { method, template, operation, parameters });
    }
    return { segments: template.split('/'), template, methods };
  });
  const score = (row: Row) => row.segments.filter((s) => !s.startsWith('{')).length;
  rows.sort((a, b) => score(b) - score(a));

  return {
    /** The operation for `method` (HEAD finds GET) on `path`, or undefined when undocumented. */
    find(method: string, path: string): DocumentedOperation | undefined {
      const parts = (path.length > 1 ? path.replace(/\/$/, '') : path).split('/');
      const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
      for (const row of rows) {
        if (row.segments.length !== parts.length) continue;
        const matches = row.segments.every((s, i) =>
          s.startsWith('{') ? (parts[i] ?? '') !== '' : s === parts[i],
        );
        if (matches) return row.methods.get(verb);
      }
      return undefined;
    },
  };
}

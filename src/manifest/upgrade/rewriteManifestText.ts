import {
  applyEdits,
  findNodeAtLocation,
  modify,
  parseTree,
  type FormattingOptions,
} from 'jsonc-parser';
import { stepsFrom, type JsonEdit } from './upgradeSteps.js';

/**
 * A manifest's text rewritten to the current format, the versions it went from and to, and what
 * each applied step did.
 */
export interface RewriteResult {
  /** The new file text (unchanged when no step applies). */
  text: string;
  from: string;
  to: string;
  /** Summaries of the steps applied, oldest first. */
  applied: string[];
}

/**
 * Rewrites a manifest's text to the current format with minimal text edits (jsonc-parser's
 * `modify`), so key order, indentation, line endings and everything the steps do not touch
 * stay exactly as the author wrote them. Returns undefined for a document that cannot be
 * upgraded (unparseable, or an unknown version): validate it first.
 */
export function rewriteManifestText(text: string): RewriteResult | undefined {
  const tree = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  if (!tree || tree.type !== 'object') return undefined;
  const versionNode = findNodeAtLocation(tree, ['manifestVersion']);
  const from = typeof versionNode?.value === 'string' ? versionNode.value : undefined;
  const steps = from === undefined ? undefined : stepsFrom(from);
  if (!steps || from === undefined) return undefined;
  const formattingOptions = detectFormatting(text);
  let current = text;
  const applied: string[] = [];
  for (const step of steps) {
    const doc = JSON.parse(current) as Record<string, unknown>;
    const edits = step.edits(doc);
    for (const edit of edits) current = applyTextEdit(current, edit, formattingOptions);
    // A step that only bumps the version (nothing of its change applies here) says so.
    const onlyVersion = edits.every((e) => e.path.length === 1 && e.path[0] === 'manifestVersion');
    applied.push(
      `${step.from} -> ${step.to}: ${onlyVersion ? 'manifestVersion only' : step.summary}`,
    );
  }
  return { text: current, from, to: steps.at(-1)?.to ?? from, applied };
}

function applyTextEdit(text: string, edit: JsonEdit, formattingOptions: FormattingOptions): string {
  // No formatting on removal: jsonc-parser would reformat the neighbouring properties too.
  if (edit.op === 'remove') return applyEdits(text, modify(text, edit.path, undefined, {}));
  const parent = findNodeAtLocation(
    parseTree(text) ?? { type: 'null', offset: 0, length: 0 },
    edit.path.slice(0, -1),
  );
  const beforeIndex =
    edit.before === undefined || parent?.type !== 'object'
      ? undefined
      : parent.children?.findIndex((property) => property.children?.[0]?.value === edit.before);
  // A short list of scalars is written inline when the author writes lists inline
  // (`"tags": ["crm", "sales"]`); jsonc-parser would spread it over several lines.
  const inline = inlineList(text, edit.value);
  const value = inline === undefined ? edit.value : PLACEHOLDER;
  const next = applyEdits(
    text,
    modify(text, edit.path, value, {
      formattingOptions,
      ...(beforeIndex !== undefined && beforeIndex >= 0
        ? { getInsertionIndex: () => beforeIndex }
        : {}),
    }),
  );
  return inline === undefined ? next : next.replace(JSON.stringify(PLACEHOLDER), inline);
}

const PLACEHOLDER = '\u0000regsync-upgrade-value\u0000';

function inlineList(text: string, value: unknown): string | undefined {
  if (!Array.isArray(value) || value.some((v) => v !== null && typeof v === 'object'))
    return undefined;
  if (!/":\s*\[\s*("|-?\d|true|false|null)/.test(text)) return undefined;
  return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
}

/** The author's style: tabs or spaces, indent width, line ending. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return indent.startsWith('\t')
    ? { insertSpaces: false, tabSize: 1, eol }
    : { insertSpaces: true, tabSize: indent.length, eol };
}

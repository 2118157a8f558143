/**
 * Sizes of the source tree: the largest files and the longest functions under a folder
 * (default `src`, tests left out), for the closing note of a refactor ("before and after").
 * Usage: node --import tsx scripts/codeSize.ts [folder] [top]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = process.argv[2] ?? 'src';
const top = Number(process.argv[3] ?? 10);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

interface Sized {
  name: string;
  lines: number;
}
const fileSizes: Sized[] = [];
const functionSizes: Sized[] = [];
for (const path of files(root)) {
  const text = readFileSync(path, 'utf8');
  const rel = relative(process.cwd(), path);
  fileSizes.push({ name: rel, lines: text.split('\n').length });
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node, owner: string): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name =
        node.name && ts.isIdentifier(node.name)
          ? node.name.text
          : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)
            ? node.parent.name.text
            : '(anonymous)';
      functionSizes.push({ name: `${rel}:${start + 1} ${owner}${name}`, lines: end - start + 1 });
    }
    const nextOwner = ts.isClassDeclaration(node) && node.name ? `${node.name.text}.` : owner;
    ts.forEachChild(node, (child) => visit(child, nextOwner));
  };
  visit(source, '');
}
const sorted = (list: Sized[]) => [...list].sort((a, b) => b.lines - a.lines).slice(0, top);
const median = (list: Sized[]) => {
  const s = list.map((x) => x.lines).sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};
console.log(
  `${fileSizes.length} files, median ${median(fileSizes)} lines; ${functionSizes.length} functions, median ${median(functionSizes)} lines`,
);
console.log('largest files:');
for (const f of sorted(fileSizes)) console.log(`  ${f.lines}\t${f.name}`);
console.log('longest functions:');
for (const f of sorted(functionSizes)) console.log(`  ${f.lines}\t${f.name}`);

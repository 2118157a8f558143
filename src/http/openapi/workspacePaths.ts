/**
 * OpenAPI 3.1 paths of the workspace routes (src/http/routes/workspacesRouter.ts), as a table:
 * one row per operation, in the document's order. Every operation is the user's own, behind
 * the proxy; bodies are the objects the routes validate with (requestBodies.ts).
 */
import { body, json, pathParam, problem, type PathTable } from './pathParts.js';
import { PAGE_LIMITS } from './pageLimits.js';
import { nextLink, pageParams } from './paging.js';
import { workspaceBodies } from './requestBodies.js';
import { common, invalid, proxy, withBodyProblems } from './userDataParts.js';

const wsId = pathParam('id', 'Workspace id.');
const typeParam = pathParam('type', 'Entity type key.');
const attributeParam = pathParam('attribute', 'Attribute key.');
const keyParam = pathParam('key', 'Template key.');
const readonly = problem(
  'READONLY_COPY: the entity type (or attribute) is a readonly copy; KEY_CONFLICT: the key is taken.',
);

const ws = (operationId: string, summary: string, rest: object) => ({
  operationId,
  tags: ['workspaces'],
  summary,
  security: proxy,
  ...rest,
});

/** A read with the common problems. */
const view = (operationId: string, summary: string, schema: string, description: string) =>
  ws(operationId, summary, { responses: { '200': json(schema, description), ...common } });

/** A change (or a read that validates input): its success, 400 `invalid`, and a 409 if any. */
const change = (
  operationId: string,
  summary: string,
  options: {
    body?: object;
    ok: [status: string, schema: string, description: string];
    conflict?: object;
  },
) =>
  ws(operationId, summary, {
    ...(options.body ? { requestBody: options.body } : {}),
    responses: {
      [options.ok[0]]: json(options.ok[1], options.ok[2]),
      '400': invalid,
      ...(options.conflict ? { '409': options.conflict } : {}),
      ...withBodyProblems,
    },
  });

const W = '/api/v1/workspaces';
const ET = `${W}/{id}/entity-types`;
const added: [string, string, string] = ['201', 'Workspace', 'Added.'];
const changed: [string, string, string] = ['200', 'Workspace', 'Changed.'];
const removed: [string, string, string] = ['200', 'Workspace', 'Removed.'];

/** [path, path parameters, method, operation], in the document's order (fresh each call). */
const rows = (): Array<[string, object[] | undefined, string, object]> => [
  [
    W,
    undefined,
    'post',
    change('createWorkspace', 'Create a workspace owned by the authenticated user', {
      body: body(workspaceBodies.create),
      ok: ['201', 'Workspace', 'Created.'],
    }),
  ],
  [
    W,
    undefined,
    'get',
    ws('listWorkspaces', "The user's workspaces", {
      parameters: pageParams(PAGE_LIMITS.userData),
      responses: { '200': json('WorkspaceList', 'One page, oldest first.', nextLink), ...common },
    }),
  ],
  [
    `${W}/{id}`,
    [wsId],
    'get',
    view('getWorkspace', 'A workspace with its model', 'Workspace', 'The workspace.'),
  ],
  [
    `${W}/{id}/templates`,
    [wsId],
    'post',
    change('installTemplate', 'Install a template as editable copies', {
      body: body(workspaceBodies.install),
      ok: ['201', 'Workspace', 'Installed.'],
      conflict: problem('TEMPLATE_ALREADY_INSTALLED or KEY_CONFLICT.'),
    }),
  ],
  [
    `${W}/{id}/integrations`,
    [wsId],
    'post',
    change('addIntegration', "Add an integration's entity types as readonly copies", {
      body: body(workspaceBodies.integration),
      ok: added,
      conflict: readonly,
    }),
  ],
  [
    `${W}/{id}/templates/{key}/changes`,
    [wsId, keyParam],
    'get',
    change('getTemplateChanges', 'Three-way comparison with the template now in the catalog', {
      ok: ['200', 'TemplateChanges', 'Upstream changes and their status.'],
    }),
  ],
  [
    `${W}/{id}/templates/{key}/upgrade`,
    [wsId, keyParam],
    'post',
    change(
      'upgradeTemplate',
      'Apply non-conflicting upstream changes; settle chosen conflicts; report the rest',
      {
        body: { ...body(workspaceBodies.upgrade), required: false },
        ok: ['200', 'TemplateUpgrade', 'Applied, resolved and remaining conflicts.'],
        conflict: problem(
          'TEMPLATE_SOURCE_CHANGED: the template is now served by another source than the installed one (the problem names both); repeat with `acceptSource`.',
        ),
      },
    ),
  ],
  [
    ET,
    [wsId],
    'post',
    change('addEntityType', 'Add an entity type', {
      body: body(workspaceBodies.entityType),
      ok: added,
      conflict: readonly,
    }),
  ],
  [
    `${ET}/{type}`,
    [wsId, typeParam],
    'patch',
    change('updateEntityType', 'Edit or rename an entity type', {
      body: body(workspaceBodies.entityTypePatch),
      ok: changed,
      conflict: readonly,
    }),
  ],
  [
    `${ET}/{type}`,
    [wsId, typeParam],
    'delete',
    change('removeEntityType', 'Remove an entity type', { ok: removed, conflict: readonly }),
  ],
  [
    `${ET}/{type}/attributes`,
    [wsId, typeParam],
    'post',
    change('addAttribute', 'Add an attribute', {
      body: body(workspaceBodies.attribute),
      ok: added,
      conflict: readonly,
    }),
  ],
  [
    `${ET}/{type}/attributes/{attribute}`,
    [wsId, typeParam, attributeParam],
    'patch',
    change('updateAttribute', 'Edit, rename or retype an attribute', {
      body: body(workspaceBodies.attributePatch),
      ok: changed,
      conflict: readonly,
    }),
  ],
  [
    `${ET}/{type}/attributes/{attribute}`,
    [wsId, typeParam, attributeParam],
    'delete',
    change('removeAttribute', 'Remove an attribute', { ok: removed, conflict: readonly }),
  ],
];

/** Every workspace path, from its rows (a path's parameters come from its first row). */
export function workspacePaths(): PathTable {
  const paths: PathTable = {};
  for (const [path, parameters, method, operation] of rows()) {
    const item = (paths[path] ??= parameters ? { parameters } : {});
    item[method] = operation;
  }
  return paths;
}

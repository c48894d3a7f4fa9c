// Node (lint only). The architecture's walls, as ESLint rules (see eslint.config.js):
// - domain-imports: a domain of electron/core imports only the kernel and other domains' index.ts; the kernel
//   imports no domain (its arrows never run back up);
// - sql-in-repositories: SQL text and query-builder calls only in *-repository.ts (and the kernel's db folder,
//   where the migrations and the engines live).
import fs from 'node:fs';
import path from 'node:path';

const CORE = path.join('electron', 'core') + path.sep;

/** electron/core/<first>/... → { area: 'kernel' | 'root' | <domain>, rest } for a file or resolved import. */
function classify(absolute, cwd) {
  const relative = path.relative(cwd, absolute);
  if (!relative.startsWith(CORE)) return null;
  const parts = relative.slice(CORE.length).split(path.sep);
  // create-core.ts and modules.ts compose everything; a bare folder name is a domain's index.
  if (parts.length === 1 && !(fs.existsSync(absolute) && fs.statSync(absolute).isDirectory())) return { area: 'root', rest: parts };
  return { area: parts[0] === 'kernel' ? 'kernel' : parts[0], rest: parts.slice(1) };
}

const isIndex = (rest) => rest.length === 0 || (rest.length === 1 && /^index(\.tsx?)?$/.test(rest[0]));

const domainImports = {
  meta: {
    type: 'problem',
    docs: { description: 'A domain imports only the kernel and other domains\u2019 index.ts; the kernel imports no domain.' },
    schema: [],
  },
  create(context) {
    const cwd = context.cwd ?? process.cwd();
    const file = context.filename;
    const self = classify(file, cwd);
    // Tests may reach into what they test, across domains too; the walls are for the product's code.
    if (!self || self.area === 'root' || /\.test\.ts$/.test(file)) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = classify(path.resolve(path.dirname(file), specifier), cwd);
      if (!target || target.area === self.area) return;
      if (self.area === 'kernel' && target.area !== 'kernel') {
        context.report({ node, message: `The kernel imports no domain (${specifier}): pass what it needs in through KernelDeps.` });
      } else if (self.area !== 'kernel' && target.area !== 'kernel' && !isIndex(target.rest)) {
        context.report({ node, message: `Import the ${target.area} domain through its index.ts, not ${specifier}.` });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

const SQL_TEXT = /\b(SELECT\s[\s\S]*\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|TRIGGER|VIEW)\s|DROP\s+(TABLE|INDEX|TRIGGER|VIEW)\s|PRAGMA\s)/i;
const BUILDER_CALLS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);

const sqlInRepositories = {
  meta: { type: 'problem', docs: { description: 'SQL lives only in *-repository.ts files.' }, schema: [] },
  create(context) {
    const cwd = context.cwd ?? process.cwd();
    const file = context.filename;
    const self = classify(file, cwd);
    if (!self || /-repository\.ts$/.test(file) || /\.test\.ts$/.test(file)) return {};
    if (self.area === 'kernel' && self.rest[0] === 'db') return {};
    const report = (node, what) => context.report({ node, message: `SQL belongs in a *-repository.ts file (${what}).` });
    return {
      Literal: (node) => typeof node.value === 'string' && SQL_TEXT.test(node.value) && report(node, 'SQL text'),
      TemplateLiteral: (node) => SQL_TEXT.test(node.quasis.map((q) => q.value.cooked ?? '').join(' ')) && report(node, 'SQL text'),
      CallExpression: (node) => {
        const callee = node.callee;
        if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') {
          const name = callee.property.name;
          if (BUILDER_CALLS.has(name)) report(node, `.${name}()`);
          if ((name === 'prepare' || name === 'exec' || name === 'pragma') && node.arguments.length > 0 && callee.object.type !== 'ThisExpression') {
            const first = node.arguments[0];
            if (first.type === 'Literal' || first.type === 'TemplateLiteral') report(node, `.${name}()`);
          }
        }
      },
    };
  },
};

export const architecture = { rules: { 'domain-imports': domainImports, 'sql-in-repositories': sqlInRepositories } };
